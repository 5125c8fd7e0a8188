use std::fs::{self, OpenOptions, Permissions};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};

fn prepare(dir: &std::path::Path) -> std::io::Result<()> {
    // ruleid: rust-file-permissive-mode
    fs::set_permissions(dir, Permissions::from_mode(0o777))?;
    // ok: rust-file-permissive-mode
    fs::set_permissions(dir, Permissions::from_mode(0o750))?;
    // ruleid: rust-file-permissive-mode
    let f = OpenOptions::new().create(true).write(true).mode(0o666).open(dir.join("queue"))?;
    // ok: rust-file-permissive-mode
    let g = OpenOptions::new().create(true).write(true).mode(0o600).open(dir.join("key"))?;
    let mut perms = f.metadata()?.permissions();
    // ruleid: rust-file-permissive-mode
    perms.set_mode(0o646);
    drop(g);
    Ok(())
}
