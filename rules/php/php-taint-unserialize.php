<?php

function restore_cart()
{
    $raw = base64_decode($_COOKIE['cart']);
    // ruleid: php-taint-unserialize
    return unserialize($raw);
}

function restore_prefs()
{
    // ruleid: php-taint-unserialize
    return unserialize($_POST['prefs']);
}

function restore_prefs_safely()
{
    // ok: php-taint-unserialize
    return unserialize($_POST['prefs'], ['allowed_classes' => false]);
}

function restore_json()
{
    // ok: php-taint-unserialize
    return json_decode($_POST['prefs'], true);
}

function from_cache(Redis $redis)
{
    // ok: php-taint-unserialize
    return unserialize($redis->get('prefs'));
}
