using Reintegration.Analytics.Domain.Access;
using Reintegration.Analytics.Domain.Reference;

namespace Reintegration.Analytics.Host.Auth;

/// <summary>
/// The configured API keys, looked up by the SHA-256 of the presented key; the keys themselves are never stored.
/// A configuration mistake (a bad hash, an unknown role, a scoped role without scope) stops the service at start.
/// </summary>
public sealed class ApiKeys
{
    public const string Header = "X-Api-Key";

    private readonly Dictionary<string, Caller> _byHash = new(StringComparer.Ordinal);

    public ApiKeys(IReadOnlyDictionary<string, ApiKeyOptions> configured, RegionMap regions, string? developmentKey = null)
    {
        var problems = new List<string>();
        foreach (var (name, key) in configured.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var where = $"Auth:ApiKeys:{name}";
            var hash = key.Sha256?.Trim().ToLowerInvariant();
            if (hash is null || !ApiKeyText.IsHash(hash))
            {
                problems.Add($"{where}:Sha256 must be the 64 hex digits of the key's SHA-256 (reintegration keys create prints it)");
                continue;
            }
            var (caller, error) = Caller.Create(name, key.Role, key.Scope, regions);
            if (caller is null) problems.Add($"{where}: {error}");
            else if (!_byHash.TryAdd(hash, caller)) problems.Add($"{where}:Sha256 is the hash of another key too ({_byHash[hash].Name})");
        }
        if (problems.Count > 0)
            throw new InvalidOperationException("The API key configuration is invalid:\n  " + string.Join("\n  ", problems));
        if (developmentKey is not null)
            _byHash[ApiKeyText.Hash(developmentKey)] = new Caller("development", Roles.Admin, AccessScope.Unlimited);
    }

    /// <summary>The caller a presented key stands for, or null for a key nobody configured.</summary>
    public Caller? Find(string presented) => _byHash.GetValueOrDefault(ApiKeyText.Hash(presented));
}
