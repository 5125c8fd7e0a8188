#include <stdlib.h>
#include <unistd.h>
#include <grp.h>

void drop_privileges(uid_t uid, gid_t gid) {
    // ruleid: c-setuid-return-unchecked
    setgid(gid);
    // ruleid: c-setuid-return-unchecked
    setuid(uid);
}

void drop_privileges_ok(uid_t uid, gid_t gid) {
    // ok: c-setuid-return-unchecked
    if (setgroups(0, NULL) != 0 || setgid(gid) != 0)
        exit(1);
    // ok: c-setuid-return-unchecked
    int rc = setuid(uid);
    if (rc != 0)
        exit(1);
}
