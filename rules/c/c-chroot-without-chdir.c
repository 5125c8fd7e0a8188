#include <stdlib.h>
#include <unistd.h>

void jail(const char *root) {
    // ruleid: c-chroot-without-chdir
    if (chroot(root) != 0)
        exit(1);
}

void jail_ok(const char *root) {
    // ok: c-chroot-without-chdir
    if (chroot(root) != 0 || chdir("/") != 0)
        exit(1);
}

void jail_cwd(const char *root) {
    if (chdir(root) != 0)
        exit(1);
    // ok: c-chroot-without-chdir
    if (chroot(".") != 0)
        exit(1);
}
