import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;

public class ExportService {
    public File export(byte[] data) throws IOException {
        // ruleid: java-insecure-temp-file
        File tmp = File.createTempFile("export-", ".csv");
        java.nio.file.Files.write(tmp.toPath(), data);
        return tmp;
    }

    public File exportInto(File dir, byte[] data) throws IOException {
        // ok: java-insecure-temp-file
        File tmp = File.createTempFile("export-", ".csv", dir);
        java.nio.file.Files.write(tmp.toPath(), data);
        return tmp;
    }

    public Path exportSafely(byte[] data) throws IOException {
        // ok: java-insecure-temp-file
        Path tmp = Files.createTempFile("export-", ".csv");
        return Files.write(tmp, data);
    }

    public void cache(byte[] data) throws IOException {
        // ruleid: java-insecure-temp-file
        try (FileOutputStream out = new FileOutputStream("/tmp/app-cache.bin")) {
            out.write(data);
        }
        // ruleid: java-insecure-temp-file
        File lock = new File(System.getProperty("java.io.tmpdir"), "app.lock");
        lock.createNewFile();
    }

    public void config(byte[] data) throws IOException {
        // ok: java-insecure-temp-file
        try (FileOutputStream out = new FileOutputStream("/etc/app/cache.bin")) {
            out.write(data);
        }
        // ok: java-insecure-temp-file
        Path p = Paths.get("/var/lib/app/state.json");
        Files.write(p, data);
    }

    public File workDir() {
        // ruleid: java-insecure-temp-file
        return com.google.common.io.Files.createTempDir();
    }
}
