<?php
function e(string $s): string { return htmlspecialchars($s, ENT_QUOTES, 'UTF-8'); }

function present_comments(array $rows): array {
    $out = [];
    foreach ($rows as $row) {
        $out[] = ['author' => e($row['author']), 'body' => nl2br(e($row['body']))];
    }
    return $out;
}

function present_tags(array $tags): array {
    return array_map(fn($t) => htmlspecialchars($t, ENT_QUOTES), $tags);
}

function count_rows(array $rows): int {
    return count($rows);
}
