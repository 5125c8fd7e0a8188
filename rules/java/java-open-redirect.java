import java.io.IOException;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
public class LoginRedirectController {
    private static final Set<String> DESTINATIONS = Set.of("/home", "/orders");

    public void afterLogin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // ruleid: java-open-redirect
        response.sendRedirect(request.getParameter("next"));
    }

    public void back(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String target = request.getHeader("Referer");
        // ruleid: java-open-redirect
        response.sendRedirect(target);
    }

    @GetMapping("/continue")
    public String continueTo(@RequestParam("url") String url) {
        // ruleid: java-open-redirect
        return "redirect:" + url;
    }

    public void afterLoginChecked(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String next = request.getParameter("next");
        if (next == null || !next.startsWith("/") || next.startsWith("//")) {
            next = "/home";
        }
        // ok: java-open-redirect
        response.sendRedirect(next);
    }

    @GetMapping("/go")
    public String go(@RequestParam String dest) {
        if (!DESTINATIONS.contains(dest)) {
            return "redirect:/home";
        }
        // ok: java-open-redirect
        return "redirect:" + DESTINATIONS.stream().filter(dest::equals).findFirst().orElse("/home");
    }

    public void logout(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // ok: java-open-redirect
        response.sendRedirect(request.getContextPath() + "/login?logout");
    }
}
