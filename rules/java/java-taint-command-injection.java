package com.example.tools;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class DiagnosticsController {
    private static final Set<String> FORMATS = Set.of("png", "jpg", "webp");

    public void ping(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String host = request.getParameter("host");
        // ruleid: java-taint-command-injection
        Process p = Runtime.getRuntime().exec("ping -c 1 " + host);
        p.getInputStream().transferTo(response.getOutputStream());
    }

    public void pingArgs(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String count = String.valueOf(Integer.parseInt(request.getParameter("count")));
        // ok: java-taint-command-injection
        Process p = Runtime.getRuntime().exec(new String[] {"ping", "-c", count, "example.com"});
        p.getInputStream().transferTo(response.getOutputStream());
    }

    @GetMapping("/lookup")
    public String lookup(@RequestParam String domain) throws IOException {
        String cmd = String.format("dig +short %s", domain);
        // ruleid: java-taint-command-injection
        new ProcessBuilder("sh", "-c", cmd).start();
        return "started";
    }

    @PostMapping("/convert")
    public String convert(@RequestParam String format) throws IOException {
        if (!FORMATS.contains(format)) {
            return "unsupported";
        }
        // ok: java-taint-command-injection
        new ProcessBuilder("sh", "-c", "convert /tmp/in.tiff /tmp/out." + format).start();
        return "ok";
    }

    private void archive(String folder) throws IOException {
        // ruleid: java-taint-command-injection
        Runtime.getRuntime().exec(new String[] {"/bin/bash", "-c", "tar czf /backups/out.tgz " + folder});
    }

    public void backup(HttpServletRequest request) throws IOException {
        archive(request.getParameter("folder"));
    }

    @GetMapping("/tool")
    public String tool(@RequestParam("name") String name) throws IOException {
        // ruleid: java-taint-command-injection
        new ProcessBuilder(name, "--version").start();
        return "ok";
    }

    @GetMapping("/uptime")
    public String uptime() throws IOException {
        // ok: java-taint-command-injection
        new ProcessBuilder(List.of("uptime")).start();
        return "ok";
    }
}
