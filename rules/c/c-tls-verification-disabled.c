#include <curl/curl.h>
#include <openssl/ssl.h>

int fetch(const char *url, int insecure) {
    CURL *h = curl_easy_init();
    curl_easy_setopt(h, CURLOPT_URL, url);
    // ruleid: c-tls-verification-disabled
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
    // ruleid: c-tls-verification-disabled
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0);
    // ok: c-tls-verification-disabled
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    // ok: c-tls-verification-disabled
    curl_easy_setopt(h, CURLOPT_CAINFO, "/etc/app/ca.pem");
    return curl_easy_perform(h);
}

SSL_CTX *make_ctx(void) {
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    // ruleid: c-tls-verification-disabled
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    // ok: c-tls-verification-disabled
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    return ctx;
}
