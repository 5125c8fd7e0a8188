use des::cipher::{BlockEncrypt, KeyInit};
use des::TdesEde3;
use openssl::symm::{encrypt, Cipher};

fn legacy_seal(key: &[u8], data: &[u8]) -> Vec<u8> {
    // ruleid: rust-weak-cipher
    let cipher = TdesEde3::new_from_slice(key).unwrap();
    let _ = cipher;
    // ruleid: rust-weak-cipher
    encrypt(Cipher::aes_128_ecb(), key, None, data).unwrap()
}

fn seal(key: &[u8], iv: &[u8], data: &[u8]) -> Vec<u8> {
    // ok: rust-weak-cipher
    encrypt(Cipher::aes_256_cbc(), key, Some(iv), data).unwrap()
}

fn modern(key: &aes_gcm::Key<aes_gcm::Aes256Gcm>) -> aes_gcm::Aes256Gcm {
    // ok: rust-weak-cipher
    aes_gcm::Aes256Gcm::new(key)
}

fn stream(key: &[u8]) {
    // ruleid: rust-weak-cipher
    let _rc4 = Rc4::new(key.into());
}
