import java.util.regex.Pattern;
import javax.validation.constraints.Email;

public class Validators {
    // ruleid: java-redos-nested-quantifier
    private static final Pattern WORDS = Pattern.compile("^(\\w+\\s?)+$");
    // ok: java-redos-nested-quantifier
    private static final Pattern WORDS_SAFE = Pattern.compile("^\\w+(\\s\\w+)*$");
    // ok: java-redos-nested-quantifier
    private static final Pattern WORDS_POSSESSIVE = Pattern.compile("^(\\w+\\s?)++$");
    // ok: java-redos-nested-quantifier
    private static final Pattern VERSION = Pattern.compile("^(\\d+\\.)+\\d+$");

    // ruleid: java-redos-nested-quantifier
    @javax.validation.constraints.Pattern(regexp = "^([a-zA-Z0-9]+)*@example\\.com$")
    private String corporateEmail;

    // ok: java-redos-nested-quantifier
    @javax.validation.constraints.Pattern(regexp = "^[a-zA-Z0-9._-]+@example\\.com$")
    private String otherEmail;

    public boolean isHost(String s) {
        // ruleid: java-redos-nested-quantifier
        return s.matches("^([a-z0-9-]+\\.?)+$");
    }

    public boolean isHostSafely(String s) {
        // ok: java-redos-nested-quantifier
        return s.matches("^[a-z0-9-]+(\\.[a-z0-9-]+)*$");
    }

    // ok: java-redos-nested-quantifier
    private static final Pattern ARGS = Pattern.compile("\\s*(\\S+\\s+)*");
}
