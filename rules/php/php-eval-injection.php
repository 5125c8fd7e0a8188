<?php

class Calculator
{
    public function compute(): float
    {
        $expr = $_GET['expr'] ?? '0';
        // ruleid: php-eval-injection
        eval('$result = ' . $expr . ';');
        // ok: php-eval-injection
        $result2 = floatval($expr);
        return $result + $result2;
    }

    public function sorter(string $field)
    {
        // ruleid: php-eval-injection
        return create_function('$a, $b', "return strcmp(\$a['$field'], \$b['$field']);");
    }

    public function sorterSafe(string $field): callable
    {
        // ok: php-eval-injection
        return function ($a, $b) use ($field) { return strcmp($a[$field], $b[$field]); };
    }
}

function render_tags(string $text): string
{
    // ruleid: php-eval-injection
    $out = preg_replace('/\{(\w+)\}/e', '$vars["$1"]', $text);
    // ok: php-eval-injection
    $out2 = preg_replace_callback('/\{(\w+)\}/', fn ($m) => $GLOBALS['vars'][$m[1]] ?? '', $text);
    // ok: php-eval-injection
    $out3 = preg_replace('/\s+/', ' ', $text);
    return $out . $out2 . $out3;
}

function check_config(array $cfg): void
{
    // ruleid: php-eval-injection
    assert("\$cfg['mode'] == '" . $_POST['mode'] . "'");
    // ok: php-eval-injection
    assert(count($cfg) > 0);
    // ok: php-eval-injection
    eval('return 1;');
}
