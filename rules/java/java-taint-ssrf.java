import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.RestTemplate;

public class PreviewController {
    private static final Set<String> ALLOWED_HOSTS = Set.of("images.example.com", "cdn.example.com");
    private final RestTemplate restTemplate = new RestTemplate();
    private final HttpClient httpClient = HttpClient.newHttpClient();

    public InputStream fetch(HttpServletRequest request) throws Exception {
        URL url = new URL(request.getParameter("url"));
        // ruleid: java-taint-ssrf
        HttpURLConnection conn = (HttpURLConnection) url.openConnection();
        return conn.getInputStream();
    }

    @GetMapping("/preview")
    public String preview(@RequestParam("target") String target) {
        // ruleid: java-taint-ssrf
        return restTemplate.getForObject(target, String.class);
    }

    @GetMapping("/avatar")
    public byte[] avatar(@RequestParam String host, @RequestParam String path) throws Exception {
        String full = "https://" + host + "/avatars/" + path;
        // ruleid: java-taint-ssrf
        HttpRequest req = HttpRequest.newBuilder(URI.create(full)).build();
        return httpClient.send(req, java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    public InputStream webhook(HttpServletRequest request) throws Exception {
        String hook = request.getHeader("X-Callback");
        // ruleid: java-taint-ssrf
        return new URL(hook).openStream();
    }

    public InputStream fetchChecked(HttpServletRequest request) throws Exception {
        URL url = new URL(request.getParameter("url"));
        if (!ALLOWED_HOSTS.contains(url.getHost())) {
            throw new SecurityException("host not allowed");
        }
        // ok: java-taint-ssrf
        return url.openStream();
    }

    @GetMapping("/status")
    public String status(@RequestParam("id") String id) {
        // ok: java-taint-ssrf
        return restTemplate.getForObject("https://status.example.com/api/" + Long.parseLong(id), String.class);
    }

    public String health() {
        // ok: java-taint-ssrf
        return restTemplate.getForObject("https://status.example.com/health", String.class);
    }

    public InputStream internal(String configuredUrl) throws Exception {
        // ok: java-taint-ssrf
        return new URL(configuredUrl).openStream();
    }
}
