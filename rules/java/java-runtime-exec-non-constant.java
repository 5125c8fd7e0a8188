import java.io.IOException;
import javax.servlet.http.HttpServletRequest;

public class ThumbnailService {
    private static final String CLEANUP = "rm -rf /tmp/thumbs";

    public void resize(HttpServletRequest request) throws IOException {
        String file = request.getParameter("file");
        // ruleid: java-runtime-exec-non-constant
        Process p = Runtime.getRuntime().exec("convert -resize 64x64 " + file + " /tmp/thumb.png");
    }

    public void ping(String host) throws IOException {
        Runtime rt = Runtime.getRuntime();
        // ruleid: java-runtime-exec-non-constant
        rt.exec(String.format("ping -c 1 %s", host));
    }

    public void runConfigured(String command) throws IOException {
        // ruleid: java-runtime-exec-non-constant
        Runtime.getRuntime().exec(command, null);
    }

    public void cleanup() throws IOException {
        // ok: java-runtime-exec-non-constant
        Runtime.getRuntime().exec("rm -rf /tmp/thumbs");
        // ok: java-runtime-exec-non-constant
        Runtime.getRuntime().exec(CLEANUP);
    }

    public void resizeSafely(String file) throws IOException {
        // ok: java-runtime-exec-non-constant
        Runtime.getRuntime().exec(new String[]{"convert", "-resize", "64x64", "--", file, "/tmp/thumb.png"});
    }

    public void runTask(java.util.concurrent.Executor executor, Runnable task) {
        // ok: java-runtime-exec-non-constant
        executor.execute(task);
    }
}
