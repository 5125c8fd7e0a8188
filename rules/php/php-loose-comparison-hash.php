<?php

function login(array $user, string $password)
{
    // ruleid: php-loose-comparison-hash
    if (md5($password) == $user['password_hash']) {
        return true;
    }
    return false;
}

function verify_webhook(string $body, string $signature, string $secret)
{
    // ruleid: php-loose-comparison-hash
    return hash_hmac('sha256', $body, $secret) == $signature;
}

function check_token($user, $token)
{
    // ruleid: php-loose-comparison-hash
    if ($user->reset_token != $token) {
        return false;
    }
    // ok: php-loose-comparison-hash
    if ($user->reset_token == null) {
        return false;
    }
    // ok: php-loose-comparison-hash
    return hash_equals($user->reset_token, $token);
}

function verify_webhook_strict(string $body, string $signature, string $secret)
{
    // ok: php-loose-comparison-hash
    return hash_hmac('sha256', $body, $secret) === $signature;
}

function pick(string $hash)
{
    // ok: php-loose-comparison-hash
    if ($hash == 'sha1') {
        return 20;
    }
    return 32;
}
