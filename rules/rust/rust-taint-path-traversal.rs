use axum::extract::{Path, Query};
use std::path::PathBuf;

const ROOT: &str = "/srv/app/files";

async fn download(Path(name): Path<String>) -> Vec<u8> {
    let path = PathBuf::from(ROOT).join(&name);
    // ruleid: rust-taint-path-traversal
    tokio::fs::read(path).await.unwrap()
}

async fn download_safely(Path(name): Path<String>) -> Vec<u8> {
    let file = std::path::Path::new(&name).file_name().unwrap().to_owned();
    // ok: rust-taint-path-traversal
    tokio::fs::read(PathBuf::from(ROOT).join(file)).await.unwrap()
}

async fn report(Query(q): Query<ReportQuery>) -> String {
    let p = format!("{}/reports/{}.csv", ROOT, q.name);
    // ruleid: rust-taint-path-traversal
    std::fs::read_to_string(p).unwrap()
}

async fn checked(Path(name): Path<String>) -> Vec<u8> {
    if name.contains("..") || name.contains('/') {
        return Vec::new();
    }
    // todook: rust-taint-path-traversal (guards on Rust method calls, name.contains(..), are not recognised yet)
    std::fs::read(PathBuf::from(ROOT).join(&name)).unwrap()
}

fn local(name: &str) -> String {
    // ok: rust-taint-path-traversal
    std::fs::read_to_string(PathBuf::from(ROOT).join(name)).unwrap()
}
