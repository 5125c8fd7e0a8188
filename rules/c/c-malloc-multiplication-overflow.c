#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ITEMS 64

struct item {
    uint32_t id;
    char label[28];
};

struct item *load_items(const uint8_t *msg, uint32_t count)
{
    // ruleid: c-malloc-multiplication-overflow
    struct item *items = malloc(count * sizeof(struct item));
    if (items == NULL)
        return NULL;
    for (uint32_t i = 0; i < count; i++)
        memcpy(&items[i], msg + 4 + i * sizeof(struct item), sizeof(struct item));
    return items;
}

int grow(struct item **items, size_t *cap)
{
    // ruleid: c-malloc-multiplication-overflow
    struct item *n = realloc(*items, *cap * 2 * sizeof(**items));
    if (n == NULL)
        return -1;
    *items = n;
    *cap *= 2;
    return 0;
}

char *make_row(size_t width, size_t height)
{
    // ruleid: c-malloc-multiplication-overflow
    return malloc(width * height + 1);
}

struct item *load_items_safely(uint32_t count)
{
    // ok: c-malloc-multiplication-overflow
    return calloc(count, sizeof(struct item));
}

struct item *fixed_table(void)
{
    // ok: c-malloc-multiplication-overflow
    return malloc(MAX_ITEMS * sizeof(struct item));
}

struct item *checked(size_t count)
{
    if (count > SIZE_MAX / sizeof(struct item))
        return NULL;
    // ok: c-malloc-multiplication-overflow
    return malloc(count * sizeof(struct item));
}

static const size_t kBufferSize = 1 << 16;

void *double_buffer(void) {
    // ok: c-malloc-multiplication-overflow
    return malloc(kBufferSize * 2);
}
