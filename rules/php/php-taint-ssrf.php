<?php

use GuzzleHttp\Client;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Http;

const ALLOWED_HOSTS = ['images.example.com', 'cdn.example.com'];

function preview()
{
    $url = $_GET['url'];
    $ch = curl_init();
    // ruleid: php-taint-ssrf
    curl_setopt($ch, CURLOPT_URL, $url);
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    return curl_exec($ch);
}

function fetch_image()
{
    // ruleid: php-taint-ssrf
    return file_get_contents($_POST['image_url']);
}

function fetch_checked()
{
    $url = $_GET['url'];
    $host = parse_url($url, PHP_URL_HOST);
    if (!in_array($host, ALLOWED_HOSTS, true)) {
        http_response_code(400);
        exit;
    }
    // todook: php-taint-ssrf (the check is on $host, derived from $url: not followed yet)
    return file_get_contents($url);
}

function fetch_validated()
{
    $url = $_GET['url'];
    if (!is_allowed_url($url)) {
        http_response_code(400);
        exit;
    }
    // ok: php-taint-ssrf
    return file_get_contents($url);
}

function is_allowed_url(string $url): bool
{
    return parse_url($url, PHP_URL_SCHEME) === 'https'
        && in_array(parse_url($url, PHP_URL_HOST), ALLOWED_HOSTS, true);
}

function status()
{
    // ok: php-taint-ssrf
    return file_get_contents('https://status.example.com/api/' . intval($_GET['id']));
}

class WebhookController
{
    public function test(Request $request, Client $client)
    {
        $target = $request->input('callback');
        // ruleid: php-taint-ssrf
        $client->post($target, ['json' => ['ok' => true]]);
        // ruleid: php-taint-ssrf
        Http::get($request->query('feed'));
        // ok: php-taint-ssrf
        Http::get('https://feeds.example.com/main.xml');
    }
}
