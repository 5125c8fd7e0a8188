<?php

use Illuminate\Http\Request;
use Symfony\Component\Process\Process;

function ping_host()
{
    $host = $_GET['host'];
    // ruleid: php-taint-command-injection
    $out = shell_exec("ping -c 1 " . $host);
    echo htmlspecialchars($out);
}

function ping_host_escaped()
{
    $host = $_GET['host'];
    // ok: php-taint-command-injection
    $out = shell_exec('ping -c 1 ' . escapeshellarg($host));
    echo htmlspecialchars($out);
}

function thumbnail($file, $size)
{
    // ruleid: php-taint-command-injection
    exec("convert uploads/{$file} -resize {$size}x{$size} thumbs/{$file}", $lines, $status);
    return $status === 0;
}

function make_thumbnail()
{
    thumbnail($_POST['file'], 128);
}

function whois_lookup()
{
    $domain = $_REQUEST['domain'];
    // ruleid: php-taint-command-injection
    $result = `whois $domain`;
    echo htmlspecialchars($result);
}

function whois_checked()
{
    $domain = $_REQUEST['domain'];
    if (!preg_match('/^[a-z0-9.-]+$/i', $domain)) {
        http_response_code(400);
        exit;
    }
    // ok: php-taint-command-injection
    $result = shell_exec('whois ' . $domain);
    echo htmlspecialchars($result);
}

function tail_log()
{
    $lines = (int) $_GET['lines'];
    // ok: php-taint-command-injection
    passthru("tail -n $lines /var/log/app.log");
}

function archive_all()
{
    foreach ($_POST['folders'] as $folder) {
        // ruleid: php-taint-command-injection
        system('tar czf /backups/' . $folder . '.tgz /srv/data/' . $folder);
    }
}

class ExportController
{
    public function export(Request $request)
    {
        $format = $request->input('format');
        // ruleid: php-taint-command-injection
        $process = Process::fromShellCommandline('report-tool --format=' . $format);
        $process->run();
        return $process->getOutput();
    }

    public function exportArgs(Request $request)
    {
        // ok: php-taint-command-injection
        $proc = proc_open(['report-tool', '--format', $request->input('format')], [1 => ['pipe', 'w']], $pipes);
        return stream_get_contents($pipes[1]);
    }

    public function uptime()
    {
        // ok: php-taint-command-injection
        return shell_exec('uptime');
    }
}
