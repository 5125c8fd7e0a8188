use std::io;
use std::process::{Command, Output};

const CLEANUP: &str = "find /tmp/uploads -mtime +1 -delete";

pub fn thumbnail(path: &str) -> io::Result<Output> {
    // ruleid: rust-command-shell-injection
    Command::new("sh").arg("-c").arg(format!("convert {} -resize 64x64 /tmp/t.png", path)).output()
}

pub fn run_windows(user_cmd: &str) -> io::Result<Output> {
    // ruleid: rust-command-shell-injection
    std::process::Command::new("cmd").args(["/C", user_cmd]).output()
}

pub fn archive(dir: &str) -> io::Result<Output> {
    let script = format!("tar czf /backups/out.tgz {}", dir);
    let mut cmd = Command::new("bash");
    // ruleid: rust-command-shell-injection
    cmd.arg("-c").arg(&script);
    cmd.output()
}

pub fn thumbnail_safely(path: &str) -> io::Result<Output> {
    // ok: rust-command-shell-injection
    Command::new("convert").arg(path).arg("-resize").arg("64x64").arg("/tmp/t.png").output()
}

pub fn cleanup() -> io::Result<Output> {
    // ok: rust-command-shell-injection
    Command::new("sh").arg("-c").arg("find /tmp/uploads -mtime +1 -delete").output()?;
    // ok: rust-command-shell-injection
    Command::new("sh").arg("-c").arg(CLEANUP).output()
}

pub fn archive_positional(dir: &str) -> io::Result<Output> {
    // ok: rust-command-shell-injection
    Command::new("sh").args(["-c", "tar czf /backups/out.tgz -- \"$1\"", "sh", dir]).output()
}
