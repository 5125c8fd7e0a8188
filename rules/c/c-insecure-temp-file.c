#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int write_report(const char *data)
{
    char path[] = "/tmp/report-XXXXXX";
    // ruleid: c-insecure-temp-file
    if (mktemp(path) == NULL)
        return -1;
    int fd = open(path, O_WRONLY | O_CREAT, 0600);
    write(fd, data, strlen(data));
    return close(fd);
}

FILE *scratch(void)
{
    char name[L_tmpnam];
    // ruleid: c-insecure-temp-file
    tmpnam(name);
    return fopen(name, "w+");
}

int write_report_safely(const char *data)
{
    char path[] = "/tmp/report-XXXXXX";
    // ok: c-insecure-temp-file
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    write(fd, data, strlen(data));
    return close(fd);
}

FILE *scratch_safely(void)
{
    // ok: c-insecure-temp-file
    return tmpfile();
}
