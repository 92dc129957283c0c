using Reintegration.Analytics.Domain.Access;

namespace Reintegration.Analytics.TestSupport;

/// <summary>
/// The API keys the test hosts are configured with (fresh per test run, configured by hash as in production):
/// an admin key for the tests' own calls and a metrics key for Prometheus.
/// </summary>
public static class TestCredentials
{
    public const string Header = "X-Api-Key";
    public const string AdminName = "tests-admin";
    public const string MetricsName = "tests-metrics";

    public static string AdminKey { get; } = ApiKeyText.NewKey();
    public static string MetricsKey { get; } = ApiKeyText.NewKey();

    /// <summary>The region the scoped keys of <see cref="RoleKeys"/> reach (no other test asserts its totals).</summary>
    public const string Scope = "MENA";

    /// <summary>A key per role: ingest, viewer and analyst scoped to <see cref="Scope"/>; hq, admin and metrics unscoped.</summary>
    public static IReadOnlyDictionary<string, string> RoleKeys { get; } = Roles.All.ToDictionary(r => r, r => r switch
    {
        Roles.Admin => AdminKey,
        Roles.Metrics => MetricsKey,
        _ => ApiKeyText.NewKey(),
    });

    /// <summary>The configured name of a role's key.</summary>
    public static string NameOf(string role) => role switch
    {
        Roles.Admin => AdminName,
        Roles.Metrics => MetricsName,
        _ => $"tests-{role}",
    };

    /// <summary>Configuration keys (<c>Auth:ApiKeys:…</c>) and values that declare every key.</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = BuildSettings();

    private static Dictionary<string, string> BuildSettings()
    {
        var settings = new Dictionary<string, string>();
        foreach (var (role, key) in RoleKeys)
        {
            var prefix = $"Auth:ApiKeys:{NameOf(role)}";
            settings[$"{prefix}:Sha256"] = ApiKeyText.Hash(key);
            settings[$"{prefix}:Role"] = role;
            if (Roles.IsScoped(role)) settings[$"{prefix}:Scope"] = Scope;
        }
        return settings;
    }

    /// <summary>A client of a host that sends the admin key.</summary>
    public static HttpClient AdminClient(Uri baseAddress, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(100) };
        client.DefaultRequestHeaders.Add(Header, AdminKey);
        return client;
    }
}
