<?php

function search(array $names)
{
    $q = $_GET['q'];
    // ruleid: php-taint-regex-injection
    return preg_grep('/' . $q . '/i', $names);
}

function search_literal(array $names)
{
    $q = preg_quote($_GET['q'], '/');
    // ok: php-taint-regex-injection
    return preg_grep('/' . $q . '/i', $names);
}

function valid_code()
{
    // ok: php-taint-regex-injection
    return preg_match('/^[A-Z]{3}-\d{4}$/', $_POST['code']);
}
