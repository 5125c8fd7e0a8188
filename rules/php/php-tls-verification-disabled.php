<?php

use GuzzleHttp\Client;

function charge(array $payload)
{
    $ch = curl_init('https://payments.example.com/charge');
    // ruleid: php-tls-verification-disabled
    curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);
    // ruleid: php-tls-verification-disabled
    curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 0);
    // ok: php-tls-verification-disabled
    curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 2);
    // ok: php-tls-verification-disabled
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, false);
    return curl_exec($ch);
}

function client(): Client
{
    // ruleid: php-tls-verification-disabled
    return new Client(['base_uri' => 'https://api.example.com', 'verify' => false]);
}

function client_with_ca(): Client
{
    // ok: php-tls-verification-disabled
    return new Client(['base_uri' => 'https://api.example.com', 'verify' => '/etc/app/ca.pem']);
}

function stream()
{
    $ctx = stream_context_create(['ssl' => [
        // ruleid: php-tls-verification-disabled
        'verify_peer' => false,
        // ok: php-tls-verification-disabled
        'verify_depth' => 0,
    ]]);
    return file_get_contents('https://api.example.com/status', false, $ctx);
}
