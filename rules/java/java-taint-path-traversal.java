package com.example.files;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
public class ReportFilesController {
    private static final Path BASE = Paths.get("/srv/app/reports");

    public void download(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("name");
        // ruleid: java-taint-path-traversal
        try (InputStream in = new FileInputStream(new File("/srv/app/reports", name))) {
            in.transferTo(response.getOutputStream());
        }
    }

    public void downloadBare(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = Paths.get(request.getParameter("name")).getFileName().toString();
        // ok: java-taint-path-traversal
        try (InputStream in = new FileInputStream(new File("/srv/app/reports", name))) {
            in.transferTo(response.getOutputStream());
        }
    }

    @GetMapping("/reports/{name}")
    public byte[] report(@PathVariable String name) throws IOException {
        // ruleid: java-taint-path-traversal
        return Files.readAllBytes(Paths.get("/srv/app/reports", name + ".pdf"));
    }

    @GetMapping("/reports/checked/{name}")
    public byte[] reportChecked(@PathVariable String name) throws IOException {
        Path p = BASE.resolve(name).normalize();
        if (!p.startsWith(BASE)) {
            throw new SecurityException("outside the report folder");
        }
        // ok: java-taint-path-traversal
        return Files.readAllBytes(p);
    }

    @PostMapping("/uploads")
    public String upload(@RequestParam("file") MultipartFile file) throws IOException {
        // ruleid: java-taint-path-traversal
        file.transferTo(BASE.resolve(file.getOriginalFilename()));
        return "stored";
    }

    private String readTemplate(String template) throws IOException {
        // ruleid: java-taint-path-traversal
        return Files.readString(BASE.resolve("templates").resolve(template));
    }

    public String preview(HttpServletRequest request) throws IOException {
        return readTemplate(request.getHeader("X-Template"));
    }

    @GetMapping("/invoices/{id}")
    public byte[] invoice(@PathVariable String id) throws IOException {
        long number = Long.parseLong(id);
        // ok: java-taint-path-traversal
        return Files.readAllBytes(BASE.resolve("invoices").resolve(number + ".pdf"));
    }

    @GetMapping("/terms")
    public byte[] terms() throws IOException {
        // ok: java-taint-path-traversal
        return Files.readAllBytes(BASE.resolve("terms.pdf"));
    }
}
