import java.io.IOException;
import java.io.PrintWriter;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.owasp.encoder.Encode;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;

public class SearchServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String q = request.getParameter("q");
        response.setContentType("text/html");
        PrintWriter out = response.getWriter();
        // ruleid: java-taint-xss-response-writer
        out.println("<h1>Results for " + q + "</h1>");
        // ok: java-taint-xss-response-writer
        out.println("<p>Searched for " + Encode.forHtml(q) + "</p>");
        // ok: java-taint-xss-response-writer
        out.println("<footer>search</footer>");
    }

    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // ruleid: java-taint-xss-response-writer
        response.getWriter().write("Hello " + request.getHeader("X-User"));
        String page = request.getParameter("page");
        // ok: java-taint-xss-response-writer
        response.getWriter().write("Page " + Integer.parseInt(page));
    }

    @GetMapping(value = "/greet", produces = MediaType.TEXT_HTML_VALUE)
    public String greet(@RequestParam String name) {
        // ruleid: java-taint-xss-response-writer
        return "<p>Hello, " + name + "</p>";
    }

    @GetMapping(value = "/greet2", produces = "text/html")
    public String greetEscaped(@RequestParam String name) {
        // ok: java-taint-xss-response-writer
        return "<p>Hello, " + HtmlUtils.htmlEscape(name) + "</p>";
    }

    @GetMapping("/greet.json")
    public String greetJson(@RequestParam String name) {
        // ok: java-taint-xss-response-writer
        return name;
    }
}
