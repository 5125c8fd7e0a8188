use sha1::{Digest, Sha1};

fn hash_password(password: &str, salt: &[u8]) -> String {
    // ruleid: rust-weak-hash-password
    let mut h = Sha1::new();
    h.update(salt);
    h.update(password.as_bytes());
    hex::encode(h.finalize())
}

fn api_key_digest(key: &str) -> String {
    // ruleid: rust-weak-hash-password
    let digest = md5::compute(key);
    format!("{:x}", digest)
}

fn etag(body: &[u8]) -> String {
    // ok: rust-weak-hash-password
    let digest = md5::compute(body);
    format!("{:x}", digest)
}

fn hash_password_strong(password: &str) -> String {
    // ok: rust-weak-hash-password
    let mut h = sha2::Sha256::new();
    h.update(password.as_bytes());
    hex::encode(h.finalize())
}
