<?php

function find_user(mysqli $conn): ?array
{
    $id = $_GET['id'];
    // ruleid: php-sql-injection
    $res = mysqli_query($conn, "SELECT * FROM users WHERE id = " . $id);
    // ok: php-sql-injection
    $stmt = mysqli_prepare($conn, "SELECT * FROM users WHERE id = ?");
    mysqli_stmt_bind_param($stmt, "i", $id);
    mysqli_stmt_execute($stmt);
    return mysqli_fetch_assoc($res) ?: null;
}

class OrderRepository
{
    public function __construct(private PDO $pdo) {}

    public function byStatus(string $status): array
    {
        // ruleid: php-sql-injection
        $rows = $this->pdo->query("SELECT * FROM orders WHERE status = '$status'")->fetchAll();
        // ok: php-sql-injection
        $stmt = $this->pdo->prepare('SELECT * FROM orders WHERE status = ?');
        $stmt->execute([$status]);
        return array_merge($rows, $stmt->fetchAll());
    }

    public function countAll(): int
    {
        // ok: php-sql-injection
        return (int) $this->pdo->query('SELECT COUNT(*) FROM orders')->fetchColumn();
    }

    public function byId(string $id): array
    {
        // ok: php-sql-injection
        return $this->pdo->query('SELECT * FROM orders WHERE id = ' . intval($id))->fetchAll();
    }
}

function search_posts($wpdb, string $term): array
{
    // ruleid: php-sql-injection
    $posts = $wpdb->get_results("SELECT * FROM {$wpdb->posts} WHERE post_title LIKE '%" . $term . "%'");
    // ok: php-sql-injection
    $posts2 = $wpdb->get_results($wpdb->prepare("SELECT * FROM {$wpdb->posts} WHERE post_title LIKE %s", '%' . $wpdb->esc_like($term) . '%'));
    return array_merge($posts, $posts2);
}

function laravel_report(string $region): array
{
    // ruleid: php-sql-injection
    $a = DB::select("SELECT SUM(total) FROM sales WHERE region = '" . $region . "'");
    // ok: php-sql-injection
    $b = DB::select('SELECT SUM(total) FROM sales WHERE region = ?', [$region]);
    return [$a, $b];
}

function list_products(mysqli $db): array
{
    $sql = "SELECT id, name FROM products WHERE category = '" . $_GET['cat'] . "'";
    if (!empty($_GET['sort'])) {
        $sql .= " ORDER BY " . $_GET['sort'];
    }
    // ruleid: php-sql-injection
    $result = $db->query($sql);
    $fixed = 'SELECT id, name FROM products WHERE featured = 1';
    // ok: php-sql-injection
    $featured = $db->query($fixed);
    return [$result->fetch_all(), $featured->fetch_all()];
}

function filter_orders(PDO $pdo, string $from): array
{
    $sql = 'SELECT * FROM orders WHERE 1 = 1';
    $sql .= " AND created_at >= '$from'";
    // ruleid: php-sql-injection
    return $pdo->query($sql)->fetchAll();
}
