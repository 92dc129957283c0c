using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Reintegration.Analytics.Host.Metrics;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Benchmarks;

/// <summary>
/// What a user sees while a large import runs (issue 10): once a second a new returnee in the probe country (a country
/// the programme does not use, so its count moves only with the probes), timed from its acknowledgement until
/// <c>GET /countries/{iso3}</c> and <c>/metrics</c> count it; and, all along, the latency of a country read, of
/// <c>GET /compare</c> over every country and of a <c>/metrics</c> scrape, and how old the oldest change users do not see
/// yet is at each scrape (<c>reintegration_aggregate_freshness_seconds</c>: a large country's, while the probes time a
/// small one's), and what share of the time between the first and the last scrape the host was paused by its garbage
/// collector (<see cref="ServiceMetrics.GcPauseSeries"/>), which every read waits out.
/// </summary>
internal sealed class LoadProbes(HttpClient http, string probeCountry, string readCountry)
{
    /// <summary>
    /// Returnees registered in the probe country before the import, so that its count is over k and shown: many, since a
    /// country's count is hidden beside a small one of its region when it is the smallest other (protection across documents).
    /// </summary>
    private const int Seed = 1000;
    private static readonly TimeSpan VisibleLimit = TimeSpan.FromSeconds(30);

    private readonly List<double> _toCountry = [];
    private readonly List<double> _toMetrics = [];
    private readonly List<double> _countryReads = [];
    private readonly List<double> _compareReads = [];
    private readonly List<double> _scrapes = [];
    private readonly List<double> _freshness = [];
    private int _probes;
    private (TimeSpan At, double Paused)? _firstScrape, _lastScrape;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Returnees the probes registered (the seed included).</summary>
    public int Registered => _probes;

    /// <param name="GcPaused">The share of the time the host was paused by its garbage collector; null without two scrapes.</param>
    public sealed record Figures(Percentiles ToCountry, Percentiles ToMetrics, Percentiles CountryReads,
        Percentiles CompareReads, Percentiles Scrapes, Percentiles Freshness, double? GcPaused);

    public Figures Result => new(Percentiles.Of(_toCountry), Percentiles.Of(_toMetrics), Percentiles.Of(_countryReads),
        Percentiles.Of(_compareReads), Percentiles.Of(_scrapes), Percentiles.Of(_freshness), GcPaused);

    private double? GcPaused => _firstScrape is { } first && _lastScrape is { } last && last.At > first.At
        ? (last.Paused - first.Paused) / (last.At - first.At).TotalSeconds
        : null;

    public async Task SeedAsync()
    {
        await PutAsync("/api/v1/communities/probe.1", new { country = probeCountry, name = "Probe" });
        var lines = Enumerable.Range(0, Seed).Select(_ => JsonSerializer.Serialize(RegistrationLine(_probes++)));
        using var seeded = await http.PostAsync("/api/v1/ingest", new StringContent(string.Join('\n', lines) + "\n"));
        seeded.EnsureSuccessStatusCode();
        var clock = Stopwatch.StartNew();
        while (await CountryReturneesAsync() != Seed)
        {
            if (clock.Elapsed > VisibleLimit) throw new TimeoutException($"{probeCountry} did not show its {Seed} seeded returnees");
            await Task.Delay(50);
        }
    }

    /// <summary>Isolated writes, one at a time: each new returnee timed from its acknowledgement until its country counts it.</summary>
    public async Task<Percentiles> IsolatedAsync(int count)
    {
        var delays = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var inCountry = await CountryReturneesAsync() ?? _probes;
            await RegisterAsync();
            var acknowledged = Stopwatch.StartNew();
            await WaitAsync(async () => await CountryReturneesAsync() > inCountry, acknowledged, delays);
            await Task.Delay(200);
        }
        return Percentiles.Of(delays);
    }

    /// <summary>Probes and reads until <paramref name="import"/> ends.</summary>
    public Task RunUntil(Task import) => Task.WhenAll(VisibilityAsync(import), ReadsAsync(import));

    private async Task VisibilityAsync(Task import)
    {
        while (!import.IsCompleted)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            // Counted from each source's own figure, and "at least": a probe that timed out may still arrive. A hidden count
            // (its region's protection may pick it as the partner of a small country's) is not visible; before a probe it
            // is taken as every probe registered, the count the country shows once all of them are in.
            var inCountry = await CountryReturneesAsync() ?? _probes;
            var inMetrics = await MetricsReturneesAsync() ?? _probes;
            await RegisterAsync();
            var acknowledged = Stopwatch.StartNew();
            await Task.WhenAll(
                WaitAsync(async () => await CountryReturneesAsync() > inCountry, acknowledged, _toCountry),
                WaitAsync(async () => await MetricsReturneesAsync() > inMetrics, acknowledged, _toMetrics));
        }
    }

    /// <summary>Records the time until <paramref name="visible"/> holds (the limit, which fails the target, if it never does).</summary>
    private static async Task WaitAsync(Func<Task<bool>> visible, Stopwatch acknowledged, List<double> delays)
    {
        while (!await visible() && acknowledged.Elapsed < VisibleLimit) await Task.Delay(10);
        lock (delays) delays.Add(acknowledged.Elapsed.TotalMilliseconds);
    }

    private async Task ReadsAsync(Task import)
    {
        for (var i = 0; !import.IsCompleted; i++)
        {
            await TimeAsync(() => http.GetStringAsync($"/api/v1/countries/{readCountry}"), _countryReads);
            await TimeAsync(() => http.GetStringAsync("/api/v1/compare"), _compareReads);
            if (i % 5 == 0) await ScrapeAsync();
            await Task.Delay(100);
        }
    }

    private async Task ScrapeAsync()
    {
        var text = "";
        await TimeAsync(async () => text = await http.GetStringAsync("/metrics"), _scrapes);
        if (MetricsText.Parse(text, "reintegration_aggregate_freshness_seconds").FirstOrDefault() is { } oldest)
            _freshness.Add(oldest.Value * 1000);
        if (MetricsText.Parse(text, ServiceMetrics.GcPauseSeries).FirstOrDefault() is { } paused)
        {
            _lastScrape = (_clock.Elapsed, paused.Value);
            _firstScrape ??= _lastScrape;
        }
    }

    private static async Task TimeAsync(Func<Task> request, List<double> times)
    {
        var clock = Stopwatch.StartNew();
        await request();
        lock (times) times.Add(clock.Elapsed.TotalMilliseconds);
    }

    private Task RegisterAsync() => PutAsync($"/api/v1/returnees/probe-{_probes++}", Registration());

    private Dictionary<string, string> Registration() => new()
    {
        ["country"] = probeCountry, ["communityId"] = "probe.1", ["sex"] = "female", ["returnDate"] = "2025-01-10",
        ["returnType"] = "avrr",
    };

    /// <summary>The registration as an NDJSON line.</summary>
    private Dictionary<string, string> RegistrationLine(int probe)
    {
        var line = Registration();
        line["kind"] = "returnee";
        line["caseId"] = $"probe-{probe}";
        return line;
    }

    private async Task PutAsync(string path, object body) => (await http.PutAsJsonAsync(path, body)).EnsureSuccessStatusCode();

    private async Task<long?> CountryReturneesAsync()
    {
        var country = await http.GetFromJsonAsync<JsonElement>($"/api/v1/countries/{probeCountry}");
        return country.GetProperty("returnees") is { ValueKind: JsonValueKind.Number } n ? n.GetInt64() : null;
    }

    private async Task<long?> MetricsReturneesAsync()
    {
        var samples = MetricsText.Parse(await http.GetStringAsync("/metrics"), "reintegration_returnees");
        return samples.FirstOrDefault(s => s.Labels.GetValueOrDefault("country") == probeCountry) is { } sample ? (long)sample.Value : null;
    }
}
