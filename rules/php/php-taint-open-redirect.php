<?php

use Illuminate\Http\Request;

function after_login()
{
    $next = $_GET['next'] ?? '/';
    // ruleid: php-taint-open-redirect
    header('Location: ' . $next);
    exit;
}

function after_login_checked()
{
    $next = $_GET['next'] ?? '/';
    if (!preg_match('#^/(?![/\\\\])#', $next)) {
        $next = '/';
    }
    // ok: php-taint-open-redirect
    header('Location: ' . $next);
    exit;
}

function after_logout()
{
    // ok: php-taint-open-redirect
    header('Location: /login?bye=' . urlencode($_GET['user']));
    // ok: php-taint-open-redirect
    header('X-Request-Id: ' . $_SERVER['HTTP_X_REQUEST_ID']);
    // ok: php-taint-open-redirect
    header('Location: /orders.php?id=' . $_GET['id']);
    // ok: php-taint-open-redirect
    wp_redirect(admin_url('edit.php?post_type=' . $_GET['type']));
}

class AuthController
{
    public function callback(Request $request)
    {
        // ruleid: php-taint-open-redirect
        return redirect()->away($request->input('return_to'));
    }

    public function home()
    {
        // ok: php-taint-open-redirect
        return redirect()->to('/dashboard');
    }
}
