<?php
function e(string $s): string { return htmlspecialchars($s, ENT_QUOTES, 'UTF-8'); }

// ruleid: php-output-escape-removed
function present_comments(array $rows): array {
    $out = [];
    foreach ($rows as $row) {
        $out[] = ['author' => trim($row['author']), 'body' => nl2br(e($row['body']))];
    }
    return $out;
}

// ok: php-output-escape-removed
function present_tags(array $tags): array {
    return array_map(fn($t) => htmlspecialchars($t, ENT_QUOTES | ENT_HTML5), $tags);
}

// ok: php-output-escape-removed
function count_rows(array $rows): int {
    return count($rows);
}
