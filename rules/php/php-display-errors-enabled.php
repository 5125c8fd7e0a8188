<?php

// ruleid: php-display-errors-enabled
ini_set('display_errors', '1');
// ok: php-display-errors-enabled
ini_set('display_errors', '0');
// ok: php-display-errors-enabled
ini_set('log_errors', '1');

if (getenv('APP_ENV') === 'development') {
    // ok: php-display-errors-enabled
    ini_set('display_errors', 'On');
}

// ruleid: php-display-errors-enabled
define('WP_DEBUG_DISPLAY', true);
