using System;
using System.Security.Cryptography;

public class TokenService
{
    public string CreateResetToken()
    {
        // ruleid: csharp-insecure-random-token
        var rng = new Random();
        var bytes = new byte[32];
        rng.NextBytes(bytes);
        return Convert.ToBase64String(bytes);
    }

    public int CreateOtp()
    {
        // ruleid: csharp-insecure-random-token
        return Random.Shared.Next(100000, 999999);
    }

    public string CreateResetTokenSecure()
    {
        // ok: csharp-insecure-random-token
        return Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    }

    public int PickBackoffMilliseconds()
    {
        // ok: csharp-insecure-random-token
        return new Random().Next(100, 500);
    }
}
