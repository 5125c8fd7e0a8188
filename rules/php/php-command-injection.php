<?php

function ping_host(): string
{
    $host = $_GET['host'] ?? '';
    // ruleid: php-command-injection
    $output = shell_exec("ping -c 1 $host");
    // ok: php-command-injection
    $output2 = shell_exec('ping -c 1 ' . escapeshellarg($host));
    return $output . $output2;
}

function make_thumb(string $src, string $dst): int
{
    // ruleid: php-command-injection
    exec('convert ' . $src . ' -resize 200x200 ' . $dst, $lines, $rc);
    // ok: php-command-injection
    exec('convert ' . escapeshellarg($src) . ' -resize 200x200 ' . escapeshellarg($dst), $lines, $rc);
    return $rc;
}

function probe(string $file): ?string
{
    $cmd = 'identify -format %w ' . escapeshellarg($file) . ' 2>/dev/null';
    // ok: php-command-injection
    return shell_exec($cmd);
}

function probe_unsafe(string $file): ?string
{
    $cmd = 'identify -format %w ' . $file;
    // ruleid: php-command-injection
    return shell_exec($cmd);
}

function archive(string $dir)
{
    // ruleid: php-command-injection
    $listing = `ls -la {$dir}`;
    // ok: php-command-injection
    $uptime = `uptime`;
    // ok: php-command-injection
    $proc = proc_open(['tar', 'czf', '/backup/site.tgz', $dir], [1 => ['pipe', 'w']], $pipes);
    return [$listing, $uptime, $proc];
}

class Deployer
{
    private string $branch;

    public function run(): void
    {
        // ruleid: php-command-injection
        passthru("git checkout " . $this->branch);
        // ok: php-command-injection
        system('git fetch --all');
        // ok: php-command-injection
        system('echo $HOME > /tmp/home.txt');
    }
}
