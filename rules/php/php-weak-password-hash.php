<?php

class AuthService
{
    public function __construct(private PDO $db) {}

    public function register(string $email, string $password): void
    {
        // ruleid: php-weak-password-hash
        $hash = md5($password);
        // ok: php-weak-password-hash
        $hash2 = password_hash($password, PASSWORD_DEFAULT);
        $stmt = $this->db->prepare('INSERT INTO users (email, pw, pw2) VALUES (?, ?, ?)');
        $stmt->execute([$email, $hash, $hash2]);
    }

    public function login(string $email): bool
    {
        $row = $this->fetchUser($email);
        // ruleid: php-weak-password-hash
        $candidate = hash('sha256', $row['salt'] . $_POST['password']);
        // ok: php-weak-password-hash
        $ok = password_verify($_POST['password'], $row['pw2']);
        return $ok || hash_equals($row['pw'], $candidate);
    }

    public function legacy(string $pwd): string
    {
        // ruleid: php-weak-password-hash
        return sha1($pwd);
    }

    public function avatarUrl(string $email): string
    {
        // ok: php-weak-password-hash
        return 'https://www.gravatar.com/avatar/' . md5(strtolower(trim($email)));
    }

    private function fetchUser(string $email): array
    {
        $stmt = $this->db->prepare('SELECT * FROM users WHERE email = ?');
        $stmt->execute([$email]);
        return $stmt->fetch();
    }
}
