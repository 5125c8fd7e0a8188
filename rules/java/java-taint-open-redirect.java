package com.example.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;

@Controller
public class ReturnToController {
    private static final Map<String, String> TARGETS = Map.of("orders", "/orders", "home", "/home");

    public void afterLogin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String next = request.getParameter("next");
        // ruleid: java-taint-open-redirect
        response.sendRedirect(next);
    }

    public void afterLoginChecked(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String next = request.getParameter("next");
        if (!isLocalPath(next)) {
            response.sendError(400);
            return;
        }
        // ok: java-taint-open-redirect
        response.sendRedirect(next);
    }

    public void afterLoginFallback(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String next = request.getParameter("next");
        if (!isLocalPath(next)) {
            next = "/home";
        }
        // the check replaces an invalid value: afterwards next is local or /home
        // ok: java-taint-open-redirect
        response.sendRedirect(next);
    }

    @GetMapping("/continue")
    public String continueTo(@RequestParam("url") String url) {
        // ruleid: java-taint-open-redirect
        return "redirect:" + url;
    }

    @GetMapping("/orders/view")
    public String orderView(@RequestParam("id") String id) {
        // ok: java-taint-open-redirect
        return "redirect:/orders/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    private RedirectView bounce(String target) {
        // ruleid: java-taint-open-redirect
        return new RedirectView(target + "?from=app");
    }

    public RedirectView out(HttpServletRequest request) {
        return bounce(request.getParameter("to"));
    }

    @GetMapping("/sso/return")
    public ResponseEntity<Void> ssoReturn(@RequestParam String returnUrl) {
        // ruleid: java-taint-open-redirect
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(returnUrl)).build();
    }

    public void help(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // ok: java-taint-open-redirect
        response.sendRedirect("/help?topic=" + request.getParameter("topic"));
    }

    public void logout(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // ok: java-taint-open-redirect
        response.sendRedirect(request.getContextPath() + "/login?logout");
    }

    private static boolean isLocalPath(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\");
    }
}
