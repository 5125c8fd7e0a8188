#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define RELOAD_CMD "systemctl reload nginx"

int make_thumbnail(const char *upload)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "convert %s -resize 64x64 /tmp/thumb.png", upload);
    // ruleid: c-command-injection-system
    return system(cmd);
}

FILE *list_dir(const char *dir)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "ls -l %s", dir);
    // ruleid: c-command-injection-system
    return popen(cmd, "r");
}

void run_hook(const char *script)
{
    // ruleid: c-command-injection-system
    execl("/bin/sh", "sh", "-c", script, (char *)NULL);
}

int reload(void)
{
    // ok: c-command-injection-system
    system("systemctl reload nginx");
    // ok: c-command-injection-system
    return system(RELOAD_CMD);
}

void make_thumbnail_safely(const char *upload)
{
    char *const argv[] = {"convert", (char *)upload, "-resize", "64x64", "/tmp/thumb.png", NULL};
    // ok: c-command-injection-system
    execvp("convert", argv);
}
