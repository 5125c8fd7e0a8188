import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

public class TokenCrypto {
    public byte[] encryptLegacy(SecretKey key, byte[] data) throws Exception {
        // ruleid: java-weak-cipher-algorithm
        Cipher cipher = Cipher.getInstance("DES/CBC/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return cipher.doFinal(data);
    }

    public byte[] encryptDefault(SecretKey key, byte[] data) throws Exception {
        // ruleid: java-weak-cipher-algorithm
        Cipher cipher = Cipher.getInstance("AES");
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return cipher.doFinal(data);
    }

    public byte[] encryptEcb(SecretKey key, byte[] data) throws Exception {
        // ruleid: java-weak-cipher-algorithm
        Cipher cipher = Cipher.getInstance("AES/ECB/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return cipher.doFinal(data);
    }

    public byte[] stream(SecretKey key, byte[] data) throws Exception {
        // ruleid: java-weak-cipher-algorithm
        Cipher rc4 = Cipher.getInstance("RC4");
        rc4.init(Cipher.ENCRYPT_MODE, key);
        return rc4.doFinal(data);
    }

    public byte[] encrypt(SecretKey key, byte[] iv, byte[] data) throws Exception {
        // ok: java-weak-cipher-algorithm
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        return cipher.doFinal(data);
    }

    public byte[] wrapKey(java.security.PublicKey pub, byte[] data) throws Exception {
        // ok: java-weak-cipher-algorithm
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        rsa.init(Cipher.ENCRYPT_MODE, pub);
        return rsa.doFinal(data);
    }
}
