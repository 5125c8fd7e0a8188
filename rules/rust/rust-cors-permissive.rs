use actix_cors::Cors;
use tower_http::cors::{Any, CorsLayer};

fn layers() {
    // ruleid: rust-cors-permissive
    let open = CorsLayer::permissive();
    // ruleid: rust-cors-permissive
    let mirror = CorsLayer::new().allow_origin(AllowOrigin::mirror_request()).allow_credentials(true);
    // ok: rust-cors-permissive
    let listed = CorsLayer::new()
        .allow_origin(["https://app.example.com".parse::<HeaderValue>().unwrap()])
        .allow_credentials(true);
    // ok: rust-cors-permissive
    let public = CorsLayer::new().allow_origin(Any);
}

fn actix() {
    // ruleid: rust-cors-permissive
    let cors = Cors::default().allow_any_origin().supports_credentials();
    // ok: rust-cors-permissive
    let cors2 = Cors::default().allowed_origin("https://app.example.com").supports_credentials();
}
