#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

int append_log(const char *path, const char *line) {
    if (access(path, W_OK) != 0)
        return -1;
    // ruleid: c-access-then-open-toctou
    FILE *f = fopen(path, "a");
    if (f == NULL)
        return -1;
    fputs(line, f);
    return fclose(f);
}

int append_log_ok(const char *path, const char *line) {
    struct stat st;
    // ok: c-access-then-open-toctou
    int fd = open(path, O_WRONLY | O_APPEND | O_NOFOLLOW);
    if (fd < 0 || fstat(fd, &st) != 0 || st.st_uid != getuid())
        return -1;
    return write(fd, line, 1) == 1 ? 0 : -1;
}

int reopen(const char *cfg, const char *other) {
    if (access(cfg, R_OK) != 0)
        return -1;
    // ok: c-access-then-open-toctou
    return open(other, O_RDONLY);
}

int read_config(const char *path) {
    if (access(path, R_OK) == 0) {
        // ruleid: c-access-then-open-toctou
        return open(path, O_RDONLY);
    }
    return -1;
}
