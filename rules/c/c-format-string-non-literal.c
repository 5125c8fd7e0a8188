#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>

#define BANNER_FMT "%s v%d\n"

void show_message(const char *msg)
{
    // ruleid: c-format-string-non-literal
    printf(msg);
    // ok: c-format-string-non-literal
    printf("%s", msg);
}

void audit(const char *user_input)
{
    // ruleid: c-format-string-non-literal
    syslog(LOG_WARNING, user_input);
    // ok: c-format-string-non-literal
    syslog(LOG_WARNING, "login failed for %s", user_input);
}

int render(char *out, size_t len, const char *tmpl)
{
    // ruleid: c-format-string-non-literal
    return snprintf(out, len, tmpl);
}

void banner(const char *name, int version)
{
    // ok: c-format-string-non-literal
    fprintf(stderr, BANNER_FMT, name, version);
}

void log_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    // ok: c-format-string-non-literal
    vfprintf(stderr, fmt, ap);
    va_end(ap);
}
