#include <stdio.h>
#include <string.h>

struct user {
    char name[32];
    char home[64];
};

void set_user(struct user *u, const char *login)
{
    // ruleid: c-strcpy-strcat-unbounded
    strcpy(u->name, login);
    // ok: c-strcpy-strcat-unbounded
    strcpy(u->home, "/home/");
    // ruleid: c-strcpy-strcat-unbounded
    strcat(u->home, login);
}

void set_user_safely(struct user *u, const char *login)
{
    // ok: c-strcpy-strcat-unbounded
    snprintf(u->name, sizeof u->name, "%s", login);
    // ok: c-strcpy-strcat-unbounded
    strncat(u->home, login, sizeof u->home - strlen(u->home) - 1);
}

int build_path(char *out, size_t outlen, const char *dir, const char *file)
{
    char tmp[256];
    // ruleid: c-strcpy-strcat-unbounded
    strcpy(tmp, dir);
    // ok: c-strcpy-strcat-unbounded
    strcat(tmp, "/");
    return snprintf(out, outlen, "%s%s", tmp, file) < (int)outlen;
}

#define SUFFIX ".gz"

void add_suffix(char *name)
{
    // ok: c-strcpy-strcat-unbounded
    strcat(name, SUFFIX);
}
