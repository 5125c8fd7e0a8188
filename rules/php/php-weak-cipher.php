<?php

function seal(string $data, string $key)
{
    // ruleid: php-weak-cipher
    $legacy = openssl_encrypt($data, 'des-ede3-cbc', $key, OPENSSL_RAW_DATA, random_bytes(8));
    // ruleid: php-weak-cipher
    $ecb = openssl_encrypt($data, 'aes-128-ecb', $key);
    $iv = random_bytes(12);
    // ok: php-weak-cipher
    $gcm = openssl_encrypt($data, 'aes-256-gcm', $key, OPENSSL_RAW_DATA, $iv, $tag);
    // ruleid: php-weak-cipher
    $old = mcrypt_encrypt(MCRYPT_RIJNDAEL_128, $key, $data, MCRYPT_MODE_CBC, $iv);
    return [$legacy, $ecb, $gcm, $tag, $old];
}
