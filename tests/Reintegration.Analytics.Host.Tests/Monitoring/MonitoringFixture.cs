using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Host.Tests.Monitoring;

/// <summary>
/// The monitoring chain with real servers: a throwaway PostgreSQL, two silo processes forming one
/// cluster on it (the demo programme loaded through the first), and a real Prometheus scraping both
/// with the repository's rule files. Minimum cell size 5, as in production.
/// </summary>
public sealed class MonitoringFixture : IAsyncLifetime
{
    public const string Collection = "monitoring";

    public const int MinimumCellSize = 5;
    private const long DemoReturnees = 11 * 250;
    private static readonly string HostDll = Path.Combine(AppContext.BaseDirectory, "Reintegration.Analytics.Host.dll");

    private PostgresServer _postgres = null!;
    public string ConnectionString { get; private set; } = null!;
    public HostProcess First { get; private set; } = null!;
    public HostProcess Second { get; private set; } = null!;
    public HttpClient Api { get; private set; } = null!;
    public PrometheusServer Prometheus { get; private set; } = null!;

    public static string RepositoryRoot { get; } = FindRepositoryRoot();
    public static string RulesDirectory => Path.Combine(RepositoryRoot, "grafana", "prometheus", "rules");

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        ConnectionString = await _postgres.CreateDatabaseAsync("monitoring");
        string[] Arguments() =>
        [
            "--postgres", ConnectionString, "--Api:MinimumCellSize", MinimumCellSize.ToString(),
            "--Orleans:SiloPort", HostProcess.FreePort().ToString(), "--Orleans:GatewayPort", HostProcess.FreePort().ToString(),
        ];
        First = await HostProcess.StartAsync(HostDll, [.. Arguments(), "--demo"]);
        Second = await HostProcess.StartAsync(HostDll, Arguments());
        Api = First.CreateClient(TimeSpan.FromSeconds(30));

        // Loaded: every returnee counted and the global figures still for a second (the last lines are surveys).
        var started = System.Diagnostics.Stopwatch.StartNew();
        string? previous = null;
        while (true)
        {
            var global = (await Api.GetFromJsonAsync<JsonNode>("/api/v1/global"))!;
            var figures = global["scores"]!.ToJsonString() + global["assistance"]!.ToJsonString();
            if (global["returnees"]?.GetValue<long>() == DemoReturnees && figures == previous) break;
            previous = figures;
            if (started.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"the demo did not load:\n{First.RecentLog}");
            await Task.Delay(1000);
        }

        // The demo's outcomes depend on today's date. So that every panel has a series on any day: one rejected line, and
        // eight Senegalese returnees each overdue (returned 400 days ago) and missed (700 days ago) without a survey.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var lines = new[] { 400, 700 }.SelectMany(days => Enumerable.Range(1, 8).Select(i => "{\"kind\":\"returnee\",\"caseId\":\"mon-"
                + days + "-" + i + "\",\"country\":\"SEN\",\"communityId\":\"sen.1.1\",\"sex\":\"female\",\"returnDate\":\""
                + today.AddDays(-days).ToString("yyyy-MM-dd") + "\",\"returnType\":\"avrr\"}"))
            .Append("""{"kind":"survey","caseId":"mon-fixture","surveyId":"s1","date":"2026-01-01","round":"m3","answers":{}}""");
        (await Api.PostAsync("/api/v1/ingest", new StringContent(string.Join('\n', lines) + "\n"))).EnsureSuccessStatusCode();

        Prometheus = await PrometheusServer.StartAsync(
            [First.Url.Authority, Second.Url.Authority],
            Directory.GetFiles(RulesDirectory, "*.yml"),
            TestCredentials.MetricsKey);
        // Both silos scraped and every rule evaluated at least once.
        started.Restart();
        while ((await Prometheus.QueryAsync("count(up{job=\"reintegration\"} == 1)")).FirstOrDefault()?.Value != 2
               || (await Prometheus.QueryAsync("count(reintegration_returnees)")).FirstOrDefault()?.Value is not > 0)
        {
            if (started.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("Prometheus did not scrape both silos");
            await Task.Delay(250);
        }
        await Task.Delay(TimeSpan.FromSeconds(3));
    }

    public async Task<string> MetricsAsync(HostProcess silo)
    {
        using var http = new HttpClient { BaseAddress = silo.Url };
        http.DefaultRequestHeaders.Add(TestCredentials.Header, TestCredentials.MetricsKey);
        return await http.GetStringAsync("/metrics");
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        if (Prometheus is not null) await Prometheus.DisposeAsync();
        if (Second is not null) await Second.DisposeAsync();
        if (First is not null) await First.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Reintegration.Analytics.sln"))) return directory.FullName;
        throw new InvalidOperationException("the tests run from inside the repository");
    }
}

/// <summary>One monitoring stack for every test class that needs it (starting it takes half a minute).</summary>
[CollectionDefinition(MonitoringFixture.Collection)]
public sealed class MonitoringCollection : ICollectionFixture<MonitoringFixture>;
