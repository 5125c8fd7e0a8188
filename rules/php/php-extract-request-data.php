<?php

function save_profile()
{
    $is_admin = false;
    // ruleid: php-extract-request-data
    extract($_POST);
    if ($is_admin) {
        grant_admin();
    }
}

function search()
{
    // ruleid: php-extract-request-data
    extract($_GET, EXTR_OVERWRITE);
    // ok: php-extract-request-data
    extract($_GET, EXTR_SKIP);
    // ok: php-extract-request-data
    extract(array_intersect_key($_GET, array_flip(['q', 'page'])));
}

function render_view(array $vars)
{
    // ok: php-extract-request-data
    extract($vars);
}
