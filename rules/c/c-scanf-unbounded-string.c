#include <stdio.h>

struct user {
    char name[32];
    int age;
};

int read_user(FILE *in, struct user *u) {
    // ruleid: c-scanf-unbounded-string
    return fscanf(in, "%s %d", u->name, &u->age);
}

int read_user_bounded(FILE *in, struct user *u) {
    // ok: c-scanf-unbounded-string
    return fscanf(in, "%31s %d", u->name, &u->age);
}

void parse_header(const char *line) {
    char key[64], value[256];
    // ruleid: c-scanf-unbounded-string
    sscanf(line, "%[^:]: %s", key, value);
    // ok: c-scanf-unbounded-string
    sscanf(line, "%63[^:]: %255s", key, value);
}

int main(void) {
    char cmd[16];
    int n;
    // ruleid: c-scanf-unbounded-string
    scanf("%d %s", &n, cmd);
    // ok: c-scanf-unbounded-string
    scanf("%d %*s", &n);
    // ok: c-scanf-unbounded-string
    scanf("%d%%", &n);
    return 0;
}
