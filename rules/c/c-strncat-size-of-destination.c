#include <string.h>

void build_path(const char *dir, const char *name) {
    char path[256];
    strcpy(path, "/srv/data/");
    // ruleid: c-strncat-size-of-destination
    strncat(path, dir, sizeof(path));
    // ruleid: c-strncat-size-of-destination
    strncat(path, name, sizeof path - 1);
    // ok: c-strncat-size-of-destination
    strncat(path, name, sizeof(path) - strlen(path) - 1);
}

void greet(char *out, size_t cap, const char *who) {
    // ok: c-strncat-size-of-destination
    strncat(out, who, cap - strlen(out) - 1);
}
