#include <stdio.h>

size_t format_headers(char *buf, size_t size, const char *host, const char *agent) {
    size_t len = 0;
    // ruleid: c-snprintf-return-accumulated
    len += snprintf(buf + len, size - len, "Host: %s\r\n", host);
    // ruleid: c-snprintf-return-accumulated
    len += snprintf(&buf[len], size - len, "User-Agent: %s\r\n", agent);
    return len;
}

size_t format_headers_ok(char *buf, size_t size, const char *host) {
    size_t len = 0;
    // ok: c-snprintf-return-accumulated
    int n = snprintf(buf + len, size - len, "Host: %s\r\n", host);
    if (n < 0 || (size_t) n >= size - len)
        return 0;
    len += n;
    return len;
}
