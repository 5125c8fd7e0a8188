#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define HDR_LEN 16

struct packet {
    uint16_t len;
    uint8_t payload[512];
};

struct session {
    char user[64];
    uint8_t key[32];
};

void on_packet(struct session *s, const struct packet *pkt)
{
    // ruleid: c-memcpy-unchecked-length
    memcpy(s->user, pkt->payload, pkt->len);
}

void set_key(struct session *s, const uint8_t *key, size_t key_len)
{
    // ruleid: c-memcpy-unchecked-length
    memmove(s->key, key, key_len);
}

int set_user(struct session *s, const char *name, size_t n)
{
    if (n >= sizeof s->user)
        return -1;
    // ok: c-memcpy-unchecked-length
    memcpy(s->user, name, n);
    s->user[n] = '\0';
    return 0;
}

void copy_header(uint8_t *dst, const uint8_t *src, const struct session *s)
{
    // ok: c-memcpy-unchecked-length
    memcpy(dst, src, HDR_LEN);
    // ok: c-memcpy-unchecked-length
    memcpy((void *)s->key, src, sizeof s->key);
}

uint8_t *dup_buf(const uint8_t *src, size_t len)
{
    uint8_t *copy = malloc(len);
    if (copy == NULL)
        return NULL;
    // ok: c-memcpy-unchecked-length
    memcpy(copy, src, len);
    return copy;
}

int parse_record(const uint8_t *msg, size_t msg_len)
{
    char name[32];
    size_t n = msg[0];
    // ruleid: c-memcpy-unchecked-length
    memcpy(name, msg + 1, n);
    return name[0];
}

uint8_t *concat(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
    uint8_t *out = malloc(alen + blen);
    memcpy(out, a, alen);
    // ok: c-memcpy-unchecked-length
    memcpy(out + alen, b, blen);
    return out;
}
