import java.io.IOException;
import java.util.Arrays;
import java.util.List;

public class BackupJob {
    public Process archive(String dir) throws IOException {
        // ruleid: java-shell-command-injection
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", "tar -czf /backups/out.tgz " + dir);
        return pb.start();
    }

    public Process runWindows(String userCommand) throws IOException {
        // ruleid: java-shell-command-injection
        return Runtime.getRuntime().exec(new String[]{"cmd.exe", "/c", userCommand});
    }

    public Process grep(String pattern) throws IOException {
        ProcessBuilder pb = new ProcessBuilder();
        // ruleid: java-shell-command-injection
        pb.command("bash", "-c", "grep -r '" + pattern + "' /var/log/app");
        return pb.start();
    }

    public Process listed(String name) throws IOException {
        // ruleid: java-shell-command-injection
        return new ProcessBuilder(Arrays.asList("sh", "-c", "echo " + name)).start();
    }

    public Process archiveSafely(String dir) throws IOException {
        // ok: java-shell-command-injection
        ProcessBuilder pb = new ProcessBuilder("tar", "-czf", "/backups/out.tgz", "--", dir);
        return pb.start();
    }

    public Process constantScript() throws IOException {
        // ok: java-shell-command-injection
        return new ProcessBuilder("/bin/sh", "-c", "find /tmp -mtime +7 -delete").start();
    }

    public Process positional(String dir) throws IOException {
        // ok: java-shell-command-injection
        return new ProcessBuilder(List.of("sh", "-c", "tar -czf out.tgz -- \"$1\"", "sh", dir)).start();
    }
}
