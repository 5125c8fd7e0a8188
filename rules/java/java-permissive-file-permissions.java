import static java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE;
import static java.nio.file.attribute.PosixFilePermission.OWNER_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_WRITE;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

public class UploadStore {
    public void prepare(Path dir) throws IOException {
        // ruleid: java-permissive-file-permissions
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        // ok: java-permissive-file-permissions
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
        // ok: java-permissive-file-permissions
        Files.setPosixFilePermissions(dir.resolve("index.html"), PosixFilePermissions.fromString("rw-r--r--"));
    }

    public void share(File f) {
        // ruleid: java-permissive-file-permissions
        f.setWritable(true, false);
        // ok: java-permissive-file-permissions
        f.setWritable(true, true);
        // ok: java-permissive-file-permissions
        f.setReadable(true, false);
    }

    public void perms(Path p) throws IOException {
        Set<PosixFilePermission> perms = new HashSet<>();
        perms.add(PosixFilePermission.OWNER_READ);
        // ruleid: java-permissive-file-permissions
        perms.add(PosixFilePermission.OTHERS_WRITE);
        Files.setPosixFilePermissions(p, perms);
        // ruleid: java-permissive-file-permissions
        Files.setPosixFilePermissions(p, EnumSet.of(OWNER_READ, OWNER_WRITE, OTHERS_WRITE));
        // ok: java-permissive-file-permissions
        Files.setPosixFilePermissions(p, EnumSet.of(OWNER_READ, OWNER_WRITE));
    }

    public Set<PosixFilePermission> fromMode(int mode) {
        Set<PosixFilePermission> perms = new HashSet<>();
        if ((mode & 0002) != 0) {
            // ok: java-permissive-file-permissions
            perms.add(PosixFilePermission.OTHERS_WRITE);
        }
        return perms;
    }
}
