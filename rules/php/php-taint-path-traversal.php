<?php

const REPORT_DIR = '/srv/app/reports/';

function download()
{
    $name = $_GET['file'];
    header('Content-Type: application/pdf');
    // ruleid: php-taint-path-traversal
    readfile(REPORT_DIR . $name);
}

function download_safely()
{
    $name = basename($_GET['file']);
    // ok: php-taint-path-traversal
    readfile(REPORT_DIR . $name);
}

function remove_avatar()
{
    // ruleid: php-taint-path-traversal
    unlink('/srv/app/avatars/' . $_POST['avatar']);
}

function save_note()
{
    $path = '/srv/app/notes/' . $_POST['title'] . '.txt';
    // ruleid: php-taint-path-traversal
    file_put_contents($path, $_POST['body']);
}

function show_template()
{
    $tpl = $_GET['tpl'];
    if (!in_array($tpl, ['home', 'about', 'contact'], true)) {
        exit('unknown template');
    }
    // ok: php-taint-path-traversal
    return file_get_contents(__DIR__ . '/templates/' . $tpl . '.html');
}

function show_fixed()
{
    // ok: php-taint-path-traversal
    return file_get_contents(__DIR__ . '/templates/home.html');
}
