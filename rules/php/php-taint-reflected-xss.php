<?php
declare(strict_types=1);

function greet(): void
{
    $name = $_GET['name'] ?? 'guest';
    $greeting = "Hello, " . trim($name);
    // ruleid: php-taint-reflected-xss
    echo $greeting;
    // ok: php-taint-reflected-xss
    echo "Hello, " . htmlspecialchars($name, ENT_QUOTES, 'UTF-8');
}

function tags(): void
{
    foreach ($_POST['tags'] as $tag) {
        // ruleid: php-taint-reflected-xss
        print "<li>$tag</li>";
    }
    foreach ($_POST['tags'] as $i => $tag) {
        // ok: php-taint-reflected-xss
        echo '<li>' . esc_html($tag) . '</li>';
    }
}

function page(): void
{
    $page = (int) ($_GET['page'] ?? 1);
    // ok: php-taint-reflected-xss
    echo "<p>page $page</p>";
    $query = $_SERVER['QUERY_STRING'];
    // ruleid: php-taint-reflected-xss
    printf($query);
}

$term = $_GET['q'] ?? '';
$safe = htmlspecialchars($term, ENT_QUOTES, 'UTF-8');
// ruleid: php-taint-reflected-xss
?><h1>Results for <?= $term ?></h1>
<?php
// ok: php-taint-reflected-xss
?><h1>Results for <?= $safe ?></h1>
<?php
// ok: php-taint-reflected-xss
?><p><?= count($results ?? []) ?> results</p>
