<?php

function search_page(array $results): void
{
    // ruleid: php-echo-request-xss
    echo "<h2>Results for " . $_GET['q'] . "</h2>";
    // ok: php-echo-request-xss
    echo "<h2>Results for " . htmlspecialchars($_GET['q'], ENT_QUOTES, 'UTF-8') . "</h2>";
    foreach ($results as $r) {
        // ok: php-echo-request-xss
        echo '<li>' . htmlspecialchars($r['title']) . '</li>';
    }
}

function paging(): void
{
    // ok: php-echo-request-xss
    echo 'Page ' . (int) $_GET['page'];
    // ruleid: php-echo-request-xss
    print "<a href='?page=next&sort={$_REQUEST['sort']}'>next</a>";
}

function checkbox(): void
{
    // ok: php-echo-request-xss
    echo '<input type="checkbox" name="remember" ' . (isset($_POST['remember']) ? 'checked' : '') . '>';
    // ruleid: php-echo-request-xss
    echo isset($_GET['email']) ? $_GET['email'] : '';
}

function form_action(): void
{
    // ruleid: php-echo-request-xss
    echo '<form action="' . $_SERVER['PHP_SELF'] . '" method="post">';
    // ok: php-echo-request-xss
    echo '<form action="' . htmlspecialchars($_SERVER['PHP_SELF']) . '" method="post">';
}

function fail(): void
{
    // ruleid: php-echo-request-xss
    printf("Unknown user %s", $_POST['user']);
    // ok: php-echo-request-xss
    printf("Unknown user %s", htmlentities($_POST['user']));
}
?>
<div class="greeting">
    <!-- ruleid: php-echo-request-xss (short echo tag) -->
    Hello <?= $_GET['name'] ?>!
    <!-- ok: php-echo-request-xss (escaped) -->
    Hello <?= htmlspecialchars($_GET['name'] ?? '') ?>!
</div>
<?php
$messages = ['saved' => 'Saved.', 'deleted' => 'Deleted.'];
// ok: php-echo-request-xss
echo $messages[ $_GET['message'] ];
// ok: php-echo-request-xss
echo ! empty( $_GET['search'] ) ? 'Searching' : 'All items';
