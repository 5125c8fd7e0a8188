import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletResponse;

public class LoginController {
    public void rememberMe(HttpServletResponse response, String token) {
        // ruleid: java-cookie-missing-secure-flags
        Cookie cookie = new Cookie("remember_me", token);
        cookie.setMaxAge(60 * 60 * 24 * 30);
        cookie.setPath("/");
        response.addCookie(cookie);
    }

    public void session(HttpServletResponse response, String sessionId) {
        // ruleid: java-cookie-missing-secure-flags
        Cookie c = new Cookie("SESSION", sessionId);
        c.setHttpOnly(true);
        c.setSecure(false);
        response.addCookie(c);
    }

    public void sessionSafely(HttpServletResponse response, String sessionId) {
        // ok: java-cookie-missing-secure-flags
        Cookie c = new Cookie("SESSION", sessionId);
        c.setHttpOnly(true);
        c.setSecure(true);
        c.setPath("/");
        response.addCookie(c);
    }

    public void logout(HttpServletResponse response, boolean https) {
        // ok: java-cookie-missing-secure-flags
        Cookie c = new Cookie("SESSION", "");
        c.setMaxAge(0);
        c.setSecure(https);
        c.setHttpOnly(true);
        response.addCookie(c);
    }
}
