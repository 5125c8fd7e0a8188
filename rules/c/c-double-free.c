#include <stdlib.h>

int process(char *buf, int fail) {
    char *tmp = malloc(64);
    if (tmp == NULL)
        return -1;
    // ruleid: c-double-free
    free(tmp);
    if (fail)
        return -1;
    free(tmp);
    return 0;
}

int process_ok(int fail) {
    char *tmp = malloc(64);
    // ok: c-double-free
    free(tmp);
    tmp = NULL;
    free(tmp);
    return fail;
}

void two_buffers(void) {
    char *a = malloc(8), *b = malloc(8);
    // ok: c-double-free
    free(a);
    free(b);
}

int with_error_label(size_t n) {
    char *buf = malloc(n);
    if (buf == NULL)
        goto error;
    // ok: c-double-free
    free(buf);
    return 0;
error:
    free(buf);
    return -1;
}
