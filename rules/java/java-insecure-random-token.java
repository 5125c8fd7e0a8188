import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.apache.commons.lang3.RandomStringUtils;

public class PasswordResetService {
    private static final Random RANDOM = new Random();
    private static final SecureRandom SECURE = new SecureRandom();

    public String createResetToken() {
        // ruleid: java-insecure-random-token
        return Long.toHexString(new Random().nextLong());
    }

    public String temporaryPassword() {
        // ruleid: java-insecure-random-token
        return RandomStringUtils.randomAlphanumeric(12);
    }

    public int newOtpCode() {
        // ruleid: java-insecure-random-token
        return 100000 + RANDOM.nextInt(900000);
    }

    public void register(User user) {
        // ruleid: java-insecure-random-token
        String activationCode = Integer.toString((int) (Math.random() * 1_000_000));
        user.setActivationCode(activationCode);
    }

    public String createSessionToken() {
        byte[] buf = new byte[32];
        // ok: java-insecure-random-token
        SECURE.nextBytes(buf);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buf);
    }

    public void shuffleBanners(List<String> banners) {
        // ok: java-insecure-random-token
        java.util.Collections.shuffle(banners, new Random());
    }

    public long backoffMillis(int attempt) {
        // ok: java-insecure-random-token
        return (1L << attempt) * 100 + RANDOM.nextInt(50);
    }
}
