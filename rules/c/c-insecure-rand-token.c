#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>
#include <time.h>

static const char ALPHABET[] = "abcdefghijklmnopqrstuvwxyz0123456789";

void generate_session_token(char *out, size_t len)
{
    srand((unsigned)time(NULL));
    for (size_t i = 0; i + 1 < len; i++)
        // ruleid: c-insecure-rand-token
        out[i] = ALPHABET[rand() % (sizeof ALPHABET - 1)];
    out[len - 1] = '\0';
}

unsigned int new_user(void)
{
    // ruleid: c-insecure-rand-token
    unsigned int reset_code = (unsigned int)random() % 1000000;
    return reset_code;
}

int generate_session_token_safely(unsigned char *out, size_t len)
{
    // ok: c-insecure-rand-token
    return getrandom(out, len, 0) == (ssize_t)len ? 0 : -1;
}

int pick_backoff_ms(int attempt)
{
    // ok: c-insecure-rand-token
    return (1 << attempt) * 10 + rand() % 10;
}

void shuffle(int *a, int n)
{
    for (int i = n - 1; i > 0; i--) {
        // ok: c-insecure-rand-token
        int j = rand() % (i + 1);
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
