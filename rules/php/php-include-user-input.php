<?php

function render_page(): void
{
    // ruleid: php-include-user-input
    include $_GET['page'] . '.php';
}

function render_page_mapped(): void
{
    $pages = ['home' => 'pages/home.php', 'about' => 'pages/about.php'];
    // ok: php-include-user-input
    require $pages[$_GET['page']] ?? 'pages/404.php';
}

function load_language(): void
{
    $lang = $_COOKIE['lang'] ?? 'en';
    if ($lang !== '') {
        // ruleid: php-include-user-input
        require_once __DIR__ . '/lang/' . $lang . '.php';
    }
}

function load_language_safe(): void
{
    $lang = basename($_COOKIE['lang'] ?? 'en');
    // ok: php-include-user-input
    require_once __DIR__ . '/lang/' . $lang . '.php';
}

function bootstrap(): void
{
    // ok: php-include-user-input
    require_once __DIR__ . '/vendor/autoload.php';
    $module = 'reports';
    // ok: php-include-user-input
    include "modules/$module/index.php";
}

function theme(): void
{
    // ruleid: php-include-user-input
    include("themes/" . $_REQUEST['theme'] . "/header.php");
}
