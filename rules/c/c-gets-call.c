#include <stdio.h>
#include <string.h>

static void read_name(char *out, size_t outlen)
{
    char line[64];
    // ruleid: c-gets-call
    if (gets(line) == NULL)
        return;
    strncpy(out, line, outlen - 1);
    out[outlen - 1] = '\0';
}

int prompt(void)
{
    char answer[8];
    printf("continue? ");
    // ruleid: c-gets-call
    gets(answer);
    return answer[0] == 'y';
}

int prompt_safely(void)
{
    char answer[8];
    printf("continue? ");
    // ok: c-gets-call
    if (fgets(answer, sizeof answer, stdin) == NULL)
        return 0;
    answer[strcspn(answer, "\n")] = '\0';
    return answer[0] == 'y';
}

int read_line(char **line, size_t *cap)
{
    // ok: c-gets-call
    return getline(line, cap, stdin) > 0;
}
