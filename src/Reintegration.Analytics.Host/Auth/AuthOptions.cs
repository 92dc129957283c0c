namespace Reintegration.Analytics.Host.Auth;

/// <summary>
/// Credentials (configuration section <c>Auth</c>, SPEC §4): API keys by name, stored as the hex SHA-256 of the key
/// (<c>Auth:ApiKeys:{name}:Sha256</c>, <c>:Role</c>, <c>:Scope</c>), and the JWT bearer tokens to accept.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public Dictionary<string, ApiKeyOptions> ApiKeys { get; set; } = new(StringComparer.Ordinal);

    public JwtOptions Jwt { get; set; } = new();

    public bool AnyCredentialConfigured => ApiKeys.Count > 0 || Jwt.IsConfigured;
}

public sealed class ApiKeyOptions
{
    /// <summary>Hex SHA-256 of the key's UTF-8 text (<c>reintegration keys create</c> prints it).</summary>
    public string? Sha256 { get; set; }
    public string? Role { get; set; }
    /// <summary>Comma-separated ISO3 and region codes; required for ingest, viewer and analyst, none for the others.</summary>
    public string? Scope { get; set; }
}

/// <summary>Bearer tokens signed with HMAC-SHA256; claims <c>role</c> and <c>scope</c>, the caller's name in <c>sub</c>.</summary>
public sealed class JwtOptions
{
    public string? Issuer { get; set; }
    public string? Audience { get; set; }
    /// <summary>The shared secret, at least 32 bytes of UTF-8 text.</summary>
    public string? SigningKey { get; set; }

    public bool IsConfigured => !string.IsNullOrEmpty(SigningKey);
}
