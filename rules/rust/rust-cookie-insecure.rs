use cookie::{Cookie, SameSite};

fn session_cookie(id: String) -> Cookie<'static> {
    // ruleid: rust-cookie-insecure
    Cookie::build(("session", id)).path("/").secure(false).http_only(true).build()
}

fn session_cookie_ok(id: String) -> Cookie<'static> {
    // ok: rust-cookie-insecure
    Cookie::build(("session", id)).path("/").secure(true).http_only(true).same_site(SameSite::Lax).build()
}

fn tweak(mut cookie: Cookie<'static>, tls: Option<Config>) {
    // ruleid: rust-cookie-insecure
    cookie.set_http_only(false);
    // ok: rust-cookie-insecure
    let config = tls.secure(false);
}
