import java.io.IOException;
import java.util.List;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

public class WebConfig implements WebMvcConfigurer {
    private static final String FRONTEND = "https://app.example.com";

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        // ruleid: java-cors-any-origin-with-credentials
        registry.addMapping("/api/**").allowedOriginPatterns("*").allowedMethods("GET", "POST").allowCredentials(true);
        // ok: java-cors-any-origin-with-credentials
        registry.addMapping("/account/**").allowedOrigins(FRONTEND).allowCredentials(true);
        // ok: java-cors-any-origin-with-credentials
        registry.addMapping("/public/**").allowedOrigins("*");
    }

    @Bean
    public UrlBasedCorsConfigurationSource corsSource() {
        CorsConfiguration config = new CorsConfiguration();
        // ruleid: java-cors-any-origin-with-credentials
        config.addAllowedOriginPattern("*");
        config.setAllowCredentials(true);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", config);
        return source;
    }

    @Bean
    public UrlBasedCorsConfigurationSource publicCorsSource() {
        CorsConfiguration config = new CorsConfiguration();
        // ok: java-cors-any-origin-with-credentials
        config.setAllowedOrigins(List.of("*"));
        config.setAllowCredentials(false);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/public/**", config);
        return source;
    }

    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // ruleid: java-cors-any-origin-with-credentials
        response.setHeader("Access-Control-Allow-Origin", request.getHeader("Origin"));
        response.setHeader("Access-Control-Allow-Credentials", "true");
        chain.doFilter(request, response);
    }
}

// ruleid: java-cors-any-origin-with-credentials
@CrossOrigin(origins = "*", allowCredentials = "true")
@RestController
class ProfileController {
}

// ok: java-cors-any-origin-with-credentials
@CrossOrigin(origins = "https://app.example.com", allowCredentials = "true")
@RestController
class SettingsController {
}
