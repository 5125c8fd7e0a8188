import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.commons.codec.digest.DigestUtils;

public class LegacyPasswordService {
    public byte[] hashPassword(String password, byte[] salt) throws NoSuchAlgorithmException {
        // ruleid: java-weak-hash-algorithm
        MessageDigest md = MessageDigest.getInstance("MD5");
        md.update(salt);
        return md.digest(password.getBytes(StandardCharsets.UTF_8));
    }

    public String signature(String payload, String secret) throws NoSuchAlgorithmException {
        // ruleid: java-weak-hash-algorithm
        MessageDigest md = MessageDigest.getInstance("SHA-1");
        return new String(md.digest((secret + payload).getBytes(StandardCharsets.UTF_8)));
    }

    public String apiKeyDigest(String key) {
        // ruleid: java-weak-hash-algorithm
        return DigestUtils.md5Hex(key);
    }

    public byte[] hashPasswordStrong(String password, byte[] salt) throws NoSuchAlgorithmException {
        // ok: java-weak-hash-algorithm
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(salt);
        return md.digest(password.getBytes(StandardCharsets.UTF_8));
    }

    public String apiKeyDigestStrong(String key) {
        // ok: java-weak-hash-algorithm
        return DigestUtils.sha256Hex(key);
    }

    public String etagFor(byte[] body) throws NoSuchAlgorithmException {
        // ok: java-weak-hash-algorithm
        return Hashing.md5().hashBytes(body).toString();
    }

    public String fileFingerprint(byte[] content) throws NoSuchAlgorithmException {
        // ok: java-weak-hash-algorithm
        MessageDigest md = MessageDigest.getInstance("MD5");
        return new java.math.BigInteger(1, md.digest(content)).toString(16);
    }
}
