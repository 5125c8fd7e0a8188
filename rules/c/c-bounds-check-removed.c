#include <stdlib.h>
#include <string.h>

#define MAX_TILES 4096

int load_tiles(struct atlas *a, const unsigned char *buf, size_t len) {
    unsigned count = read_u32(buf);
    unsigned budget = count * 24;
    // ruleid: c-bounds-check-removed
    a->tiles = malloc(budget);
    memcpy(a->tiles, buf + 4, count * sizeof(struct tile));
    return 0;
}

int copy_name(char *dst, const char *src, size_t n) {
    if (n >= NAME_MAX) {
        return -1;
    }
    // ok: c-bounds-check-removed
    memcpy(dst, src, n);
    dst[n] = 0;
    return 0;
}

// ok: c-bounds-check-removed
int sum(const int *v, int n) {
    int s = 0;
    for (int i = 0; i < n; i++) s += v[i];
    return s;
}

struct atlas *atlas_read(FILE *in) {
    uint32_t count = read_count(in);
    if (count == 0)
        return NULL;
    uint32_t bytes = count * 24u;
    // ok: c-bounds-check-removed
    struct atlas *a = calloc(1, sizeof *a);
    // ruleid: c-bounds-check-removed
    a->tiles = malloc(bytes);
    return a;
}
