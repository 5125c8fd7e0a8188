<?php

use Illuminate\Http\Request;
use Illuminate\Support\Facades\DB;

function find_user(mysqli $db)
{
    $id = $_GET['id'];
    // ruleid: php-taint-sql-injection
    return mysqli_query($db, "SELECT * FROM users WHERE id = $id");
}

function find_user_cast(mysqli $db)
{
    $id = (int) $_GET['id'];
    // ok: php-taint-sql-injection
    return mysqli_query($db, "SELECT * FROM users WHERE id = $id");
}

function search(PDO $pdo)
{
    $q = $_POST['q'];
    // ruleid: php-taint-sql-injection
    return $pdo->query("SELECT * FROM posts WHERE title LIKE '%" . $q . "%'");
}

function search_bound(PDO $pdo)
{
    $stmt = $pdo->prepare('SELECT * FROM posts WHERE title LIKE ?');
    // ok: php-taint-sql-injection
    $stmt->execute(['%' . $_POST['q'] . '%']);
    return $stmt;
}

function search_quoted(PDO $pdo)
{
    // ok: php-taint-sql-injection
    return $pdo->query('SELECT * FROM posts WHERE title = ' . $pdo->quote($_POST['q']));
}

class ReportController
{
    public function index(Request $request)
    {
        $sort = $request->input('sort');
        // ruleid: php-taint-sql-injection
        return DB::select("SELECT * FROM reports ORDER BY $sort");
    }
}
