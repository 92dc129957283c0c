using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Reintegration.Analytics.Host.Tests.Infrastructure;

/// <summary>JWT bearer tokens as an identity provider would issue them for the test host (HMAC-SHA256).</summary>
public static class Tokens
{
    public const string Issuer = "https://idp.test.invalid";
    public const string Audience = "reintegration-analytics";
    public static readonly string SigningKey = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + "-tests-signing-key-0123456789";

    public static string Create(
        string? subject, string? role, string? scope = null, string issuer = Issuer, string audience = Audience,
        string? signingKey = null, DateTime? expires = null, string? secondRole = null)
    {
        var claims = new List<Claim>();
        if (subject is not null) claims.Add(new Claim("sub", subject));
        if (secondRole is not null) claims.Add(new Claim("role", secondRole));
        if (role is not null) claims.Add(new Claim("role", role));
        if (scope is not null) claims.Add(new Claim("scope", scope));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = issuer,
            Audience = audience,
            Expires = expires ?? DateTime.UtcNow.AddMinutes(10),
            NotBefore = (expires ?? DateTime.UtcNow.AddMinutes(10)).AddMinutes(-20),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey ?? SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
