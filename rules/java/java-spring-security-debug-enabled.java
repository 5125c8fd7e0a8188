import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.config.annotation.web.builders.WebSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;

@Configuration
// ruleid: java-spring-security-debug-enabled
@EnableWebSecurity(debug = true)
public class SecurityConfig {
    @Bean
    public WebSecurityCustomizer webSecurityCustomizer() {
        // ruleid: java-spring-security-debug-enabled
        return (web) -> web.debug(true);
    }
}

@Configuration
// ok: java-spring-security-debug-enabled
@EnableWebSecurity(debug = false)
class ProductionSecurityConfig {
    @Bean
    public WebSecurityCustomizer webSecurityCustomizer() {
        // ok: java-spring-security-debug-enabled
        return (web) -> web.ignoring().requestMatchers("/static/**");
    }
}

@Configuration
// ok: java-spring-security-debug-enabled
@EnableWebSecurity
@Profile("dev")
class DevSecurityConfig {
    @Bean
    public WebSecurityCustomizer debugCustomizer() {
        // ok: java-spring-security-debug-enabled
        return (WebSecurity web) -> web.debug(true);
    }
}
