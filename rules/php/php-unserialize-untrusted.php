<?php

class PreferencesController
{
    public function load(): array
    {
        $raw = $_COOKIE['prefs'] ?? '';
        // ruleid: php-unserialize-untrusted
        $prefs = unserialize(base64_decode($raw));
        // ok: php-unserialize-untrusted
        $prefs2 = json_decode(base64_decode($raw), true);
        // ok: php-unserialize-untrusted
        $prefs3 = unserialize(base64_decode($raw), ['allowed_classes' => false]);
        return [$prefs, $prefs2, $prefs3];
    }

    public function import(string $payload): array
    {
        // ruleid: php-unserialize-untrusted
        return unserialize($payload, ['max_depth' => 10]);
    }
}

function cache_get(PDO $db, string $key)
{
    $row = $db->query('SELECT value FROM cache')->fetch();
    // ruleid: php-unserialize-untrusted
    $value = unserialize($row['value']);
    // ok: php-unserialize-untrusted
    $store = serialize($value);
    return [$value, $store];
}
