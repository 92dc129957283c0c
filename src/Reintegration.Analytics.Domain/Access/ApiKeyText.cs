using System.Security.Cryptography;
using System.Text;

namespace Reintegration.Analytics.Domain.Access;

/// <summary>How API keys look (SPEC §4): random URL-safe text, configured as the hex SHA-256 of its UTF-8 bytes.</summary>
public static class ApiKeyText
{
    /// <summary>A new random key: 32 bytes in URL-safe base64, 43 characters of <c>[A-Za-z0-9_-]</c>.</summary>
    public static string NewKey() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool IsHash(string? text) => text is { Length: 64 } && text.All(Uri.IsHexDigit);
}
