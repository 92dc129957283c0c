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

    /// <summary>Configuration keys (<c>Auth:ApiKeys:…</c>) and values that declare both keys.</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        [$"Auth:ApiKeys:{AdminName}:Sha256"] = ApiKeyText.Hash(AdminKey),
        [$"Auth:ApiKeys:{AdminName}:Role"] = Roles.Admin,
        [$"Auth:ApiKeys:{MetricsName}:Sha256"] = ApiKeyText.Hash(MetricsKey),
        [$"Auth:ApiKeys:{MetricsName}:Role"] = Roles.Metrics,
    };

    /// <summary>A client of a host that sends the admin key.</summary>
    public static HttpClient AdminClient(Uri baseAddress, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(100) };
        client.DefaultRequestHeaders.Add(Header, AdminKey);
        return client;
    }
}
