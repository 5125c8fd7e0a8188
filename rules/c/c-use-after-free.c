#include <stdlib.h>
#include <string.h>

struct session {
    char *user;
    int refs;
    struct session *next;
};

int close_session(struct session *s) {
    free(s->user);
    free(s);
    // ruleid: c-use-after-free
    return s->refs;
}

void drop_list(struct session *head) {
    while (head != NULL) {
        struct session *next = head->next;
        free(head);
        // ok: c-use-after-free
        head = next;
    }
}

void reset(struct session *s, const char *name) {
    free(s->user);
    s->user = strdup(name);
    // ok: c-use-after-free
    s->user[0] = 'x';
}

void clear(char *buf) {
    free(buf);
    buf = NULL;
    // ok: c-use-after-free
    if (buf != NULL) buf[0] = 0;
}

void log_then_free(char *msg) {
    // ok: c-use-after-free
    msg[0] = '!';
    free(msg);
}

void bad_copy(char *buf, size_t n) {
    free(buf);
    // ruleid: c-use-after-free
    memset(buf, 0, n), buf[0] = 1;
}
