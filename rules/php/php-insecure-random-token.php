<?php

function issue_reset(PDO $db, int $userId)
{
    // ruleid: php-insecure-random-token
    $token = md5(uniqid(mt_rand(), true));
    // ruleid: php-insecure-random-token
    $otp = rand(100000, 999999);
    // ruleid: php-insecure-random-token
    $_SESSION['csrf_token'] = substr(str_shuffle('abcdefghijklmnopqrstuvwxyz0123456789'), 0, 32);
    // ok: php-insecure-random-token
    $resetToken = bin2hex(random_bytes(32));
    // ok: php-insecure-random-token
    $otpCode = random_int(100000, 999999);
    // ok: php-insecure-random-token
    $delay = mt_rand(1, 5);
    $db->prepare('UPDATE users SET reset = ? WHERE id = ?')->execute([$resetToken, $userId]);
    return [$token, $otp, $otpCode, $delay];
}
