#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int publish(const char *path)
{
    // ruleid: c-world-writable-permissions
    return chmod(path, 0777);
}

int make_spool(const char *dir)
{
    // ruleid: c-world-writable-permissions
    if (mkdir(dir, S_IRWXU | S_IRWXG | S_IRWXO) != 0)
        return -1;
    // ruleid: c-world-writable-permissions
    int fd = open("/var/spool/app/queue", O_CREAT | O_WRONLY, 0666);
    return close(fd);
}

int publish_safely(const char *path)
{
    // ok: c-world-writable-permissions
    return chmod(path, 0644);
}

int make_spool_safely(const char *dir)
{
    // ok: c-world-writable-permissions
    if (mkdir(dir, 0750) != 0)
        return -1;
    // ok: c-world-writable-permissions
    int fd = open("/var/spool/app/queue", O_CREAT | O_WRONLY, S_IRUSR | S_IWUSR);
    return close(fd);
}

void copy_mode(const char *out, const struct stat *st) {
    // ok: c-world-writable-permissions
    chmod(out, st->st_mode & (S_IRWXU | S_IRWXG | S_IRWXO));
}
