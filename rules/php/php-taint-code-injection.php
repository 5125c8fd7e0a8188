<?php

function calc()
{
    $expr = $_GET['expr'];
    // ruleid: php-taint-code-injection
    return eval('return ' . $expr . ';');
}

function calc_number()
{
    $n = intval($_GET['n']);
    // ok: php-taint-code-injection
    return eval('return ' . $n . ' * 2;');
}

function legacy_filter()
{
    // ruleid: php-taint-code-injection
    return preg_replace('/(.*)/e', $_POST['code'], 'x');
}

function template(string $compiled)
{
    // ok: php-taint-code-injection
    return eval('?>' . $compiled);
}
