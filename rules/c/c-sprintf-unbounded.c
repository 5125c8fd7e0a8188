#include <stdarg.h>
#include <inttypes.h>
#include <stdio.h>

void greet(char *out, const char *name)
{
    // ruleid: c-sprintf-unbounded
    sprintf(out, "Hello, %s! Welcome back.", name);
}

void log_line(char *line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    // ruleid: c-sprintf-unbounded
    vsprintf(line, fmt, ap);
    va_end(ap);
}

void format_id(char *out, int id, const char *prefix)
{
    // ok: c-sprintf-unbounded
    sprintf(out, "%08d", id);
    // ok: c-sprintf-unbounded
    sprintf(out, "%.16s-%u", prefix, (unsigned)id);
}

void greet_safely(char *out, size_t outlen, const char *name)
{
    // ok: c-sprintf-unbounded
    snprintf(out, outlen, "Hello, %s! Welcome back.", name);
}

void format_size(char *out, long long size)
{
    // ok: c-sprintf-unbounded
    sprintf(out, "size=%" PRId64 " bytes", (int64_t)size);
}
