using System.Security.Cryptography;

public class LegacyCrypto
{
    public byte[] Seal(byte[] key, byte[] data)
    {
        // ruleid: csharp-weak-cipher
        using var des = TripleDES.Create();
        des.Key = key;
        // ruleid: csharp-weak-cipher
        des.Mode = CipherMode.ECB;
        return des.CreateEncryptor().TransformFinalBlock(data, 0, data.Length);
    }

    public byte[] SealModern(byte[] key, byte[] nonce, byte[] data, byte[] tag)
    {
        var cipher = new byte[data.Length];
        // ok: csharp-weak-cipher
        using var gcm = new AesGcm(key, 16);
        gcm.Encrypt(nonce, data, cipher, tag);
        // ok: csharp-weak-cipher
        var mode = CipherMode.CBC;
        return cipher;
    }
}
