#include <openssl/evp.h>

int encrypt_record(EVP_CIPHER_CTX *ctx, const unsigned char *key, const unsigned char *iv) {
    // ruleid: c-openssl-weak-cipher
    EVP_EncryptInit_ex(ctx, EVP_des_ede3_cbc(), NULL, key, iv);
    // ruleid: c-openssl-weak-cipher
    EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), NULL, key, NULL);
    // ok: c-openssl-weak-cipher
    return EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, iv);
}

const EVP_CIPHER *stream(void) {
    // ruleid: c-openssl-weak-cipher
    return EVP_rc4();
}

const EVP_CIPHER *modern(void) {
    // ok: c-openssl-weak-cipher
    return EVP_chacha20_poly1305();
}
