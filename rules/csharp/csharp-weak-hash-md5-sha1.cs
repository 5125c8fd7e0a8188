using System;
using System.Security.Cryptography;
using System.Text;

public class AccountService
{
    public string HashPassword(string password, string salt)
    {
        // ruleid: csharp-weak-hash-md5-sha1
        using var md5 = MD5.Create();
        var bytes = md5.ComputeHash(Encoding.UTF8.GetBytes(salt + password));
        return Convert.ToBase64String(bytes);
    }

    public bool CheckApiKey(string presented, string storedSha1)
    {
        // ruleid: csharp-weak-hash-md5-sha1
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(presented));
        return Convert.ToHexString(hash) == storedSha1;
    }

    public string HashPasswordStrong(string password, byte[] salt)
    {
        // ok: csharp-weak-hash-md5-sha1
        var key = Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA256, 32);
        return Convert.ToBase64String(key);
    }

    public string FileChecksum(byte[] content)
    {
        // ok: csharp-weak-hash-md5-sha1
        using var md5 = MD5.Create();
        return Convert.ToHexString(md5.ComputeHash(content));
    }
}
