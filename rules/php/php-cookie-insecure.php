<?php

function login(string $token)
{
    // ruleid: php-cookie-insecure
    setcookie('auth_token', $token, time() + 3600, '/');
    // ruleid: php-cookie-insecure
    setcookie('remember_me', $token, ['expires' => time() + 86400, 'path' => '/', 'secure' => true]);
    // ok: php-cookie-insecure
    setcookie('session_id', $token, ['expires' => time() + 3600, 'path' => '/', 'secure' => true, 'httponly' => true, 'samesite' => 'Lax']);
    // ok: php-cookie-insecure
    setcookie('theme', 'dark', time() + 86400, '/');
    // ok: php-cookie-insecure
    setcookie('sid', $token, time() + 3600, '/', '', true, true);
}
