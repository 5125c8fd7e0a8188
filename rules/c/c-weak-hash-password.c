#include <string.h>
#include <openssl/evp.h>
#include <openssl/md5.h>
#include <openssl/sha.h>

void hash_password(const char *password, unsigned char out[MD5_DIGEST_LENGTH]) {
    // ruleid: c-weak-hash-password
    MD5((const unsigned char *) password, strlen(password), out);
}

int derive_token(const char *secret, unsigned char *out, unsigned int *len) {
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    // ruleid: c-weak-hash-password
    EVP_DigestInit_ex(ctx, EVP_sha1(), NULL);
    EVP_DigestUpdate(ctx, secret, strlen(secret));
    return EVP_DigestFinal_ex(ctx, out, len);
}

int hash_password_ok(const char *password, const unsigned char *salt, unsigned char *out) {
    // ok: c-weak-hash-password
    return PKCS5_PBKDF2_HMAC(password, strlen(password), salt, 16, 600000, EVP_sha256(), 32, out);
}

void file_checksum(const unsigned char *data, size_t n, unsigned char out[MD5_DIGEST_LENGTH]) {
    // ok: c-weak-hash-password
    MD5(data, n, out);
}
