#include <stdlib.h>
#include <string.h>

char *copy_name(const char *name) {
    // ruleid: c-malloc-strlen-missing-nul
    char *copy = malloc(strlen(name));
    if (copy == NULL)
        return NULL;
    strcpy(copy, name);
    return copy;
}

char *copy_name_ok(const char *name) {
    // ok: c-malloc-strlen-missing-nul
    char *copy = malloc(strlen(name) + 1);
    if (copy == NULL)
        return NULL;
    strcpy(copy, name);
    return copy;
}

char *join(const char *a) {
    char *out;
    // ruleid: c-malloc-strlen-missing-nul
    out = (char *) malloc(strlen(a));
    strcpy(out, a);
    return out;
}

void *bytes_only(const char *a) {
    // ok: c-malloc-strlen-missing-nul
    void *buf = malloc(strlen(a));
    memcpy(buf, a, strlen(a));
    return buf;
}
