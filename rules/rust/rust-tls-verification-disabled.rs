use openssl::ssl::{SslConnector, SslMethod, SslVerifyMode};
use reqwest::{Certificate, Client};

pub fn partner_client() -> reqwest::Result<Client> {
    // ruleid: rust-tls-verification-disabled
    Client::builder().danger_accept_invalid_certs(true).build()
}

pub fn native(builder: &mut native_tls::TlsConnectorBuilder) {
    // ruleid: rust-tls-verification-disabled
    builder.danger_accept_invalid_hostnames(true);
}

pub fn openssl_connector() -> SslConnector {
    let mut b = SslConnector::builder(SslMethod::tls()).unwrap();
    // ruleid: rust-tls-verification-disabled
    b.set_verify(SslVerifyMode::NONE);
    b.build()
}

pub fn partner_client_safely(ca_pem: &[u8]) -> reqwest::Result<Client> {
    let ca = Certificate::from_pem(ca_pem)?;
    // ok: rust-tls-verification-disabled
    Client::builder().add_root_certificate(ca).danger_accept_invalid_certs(false).build()
}

pub fn openssl_strict() -> SslConnector {
    let mut b = SslConnector::builder(SslMethod::tls()).unwrap();
    // ok: rust-tls-verification-disabled
    b.set_verify(SslVerifyMode::PEER);
    b.build()
}
