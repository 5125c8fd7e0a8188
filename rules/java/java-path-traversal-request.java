import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.servlet.http.HttpServletRequest;
import org.apache.commons.io.FilenameUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

public class DocumentController {
    private static final String BASE = "/srv/app/documents";
    private final Path uploadDir = Paths.get("/srv/app/uploads");

    public InputStream download(HttpServletRequest request) throws IOException {
        // ruleid: java-path-traversal-request
        File f = new File(BASE, request.getParameter("name"));
        return new FileInputStream(f);
    }

    public byte[] preview(HttpServletRequest request) throws IOException {
        String name = request.getParameter("file");
        // ruleid: java-path-traversal-request
        return Files.readAllBytes(Paths.get(BASE, name));
    }

    @GetMapping("/export")
    public byte[] export(@RequestParam("report") String report) throws IOException {
        // ruleid: java-path-traversal-request
        return Files.readAllBytes(uploadDir.resolve(report));
    }

    @PostMapping("/upload")
    public void upload(MultipartFile file) throws IOException {
        // ruleid: java-path-traversal-request
        file.transferTo(new File("/srv/app/uploads/" + file.getOriginalFilename()));
    }

    public InputStream downloadSafely(HttpServletRequest request) throws IOException {
        // ok: java-path-traversal-request
        File f = new File(BASE, FilenameUtils.getName(request.getParameter("name")));
        return new FileInputStream(f);
    }

    @GetMapping("/export2")
    public byte[] exportChecked(@RequestParam("report") String report) throws IOException {
        // ok: java-path-traversal-request
        Path p = uploadDir.resolve(report).normalize();
        if (!p.startsWith(uploadDir)) {
            throw new SecurityException("invalid report name");
        }
        return Files.readAllBytes(p);
    }

    public byte[] template(String locale) throws IOException {
        // ok: java-path-traversal-request
        return Files.readAllBytes(Paths.get(BASE, "templates", locale + ".html"));
    }
}
