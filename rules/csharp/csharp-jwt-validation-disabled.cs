using System.IdentityModel.Tokens.Jwt;
using Microsoft.IdentityModel.Tokens;

public static class JwtSetup
{
    public static TokenValidationParameters Weak(SecurityKey key)
    {
        return new TokenValidationParameters
        {
            IssuerSigningKey = key,
            // ruleid: csharp-jwt-validation-disabled
            RequireSignedTokens = false,
            // ruleid: csharp-jwt-validation-disabled
            ValidateLifetime = false,
            // ruleid: csharp-jwt-validation-disabled
            SignatureValidator = (token, parameters) => new JwtSecurityToken(token),
            // ok: csharp-jwt-validation-disabled
            ValidateAudience = true,
        };
    }

    public static TokenValidationParameters Strict(SecurityKey key)
    {
        return new TokenValidationParameters
        {
            IssuerSigningKey = key,
            // ok: csharp-jwt-validation-disabled
            ValidateIssuerSigningKey = true,
            // ok: csharp-jwt-validation-disabled
            ValidateLifetime = true,
        };
    }
}
