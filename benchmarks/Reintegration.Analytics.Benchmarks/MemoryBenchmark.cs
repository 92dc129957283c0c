using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Benchmarks;

/// <summary>
/// <c>--scenario memory</c> (issue 10): a generated programme (<see cref="ProgrammeGenerator"/>) through <c>POST /ingest</c>
/// into the embedded default, in requests of <see cref="LinesPerRequest"/> lines as a client would send a large file.
/// Measures the host's peak resident memory during the import and once idle, what users see during the import
/// (<see cref="LoadProbes"/>: write-to-visible delays and read latencies, beside <see cref="SqlBaseline"/>), checks that
/// every returnee is counted, then kills the host and measures the restart until <c>/global</c> is complete again.
/// </summary>
internal static class MemoryBenchmark
{
    public const double PeakMiBTarget = 3 * 1024;
    public const double IdleMiBTarget = 1024;
    public static readonly TimeSpan RestartTarget = TimeSpan.FromSeconds(30);
    private const int LinesPerRequest = 50_000;
    private const double VisibleLimitMs = 2_000;
    private const double CountryReadLimitMs = 10;
    private const double CompareLimitMs = 50;
    private const double MetricsLimitMs = 100;

    /// <param name="idle">How long the host is left without calls before its idle memory is read.</param>
    /// <param name="postgres">For the read and freshness baseline (<see cref="SqlBaseline"/>); none skips it.</param>
    public static async Task<List<TargetRow>> MeasureAsync(
        string hostDll, int countries, int communities, int returnees, TimeSpan idle, PostgresServer? postgres)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var generator = new ProgrammeGenerator(countries, communities, returnees, seed: 2026, today);
        var lines = generator.Lines().ToList();
        Console.WriteLine($"Programme: {countries} countries, about {communities} communities, {returnees:N0} returnees, " +
                          $"{lines.Count:N0} records");
        SqlBaseline.Figures? baseline = null;
        if (postgres is not null)
        {
            var clock = Stopwatch.StartNew();
            var sql = new SqlBaseline(await postgres.CreateDatabaseAsync("baseline"));
            await sql.LoadAsync(lines);
            baseline = await sql.MeasureAsync(generator.LargestCountry, ProgrammeGenerator.UnusedCountry(countries), 50, 5);
            Console.WriteLine($"  baseline: rows in PostgreSQL loaded and queried in {clock.Elapsed.TotalSeconds:F0} s");
        }

        var directory = Directory.CreateTempSubdirectory("reintegration-memory-").FullName;
        try
        {
            string[] arguments = ["--data-dir", directory, "--Orleans:SiloPort", HostProcess.FreePort().ToString(),
                "--Orleans:GatewayPort", HostProcess.FreePort().ToString()];
            double peak, idleMiB, rate;
            LoadProbes.Figures underLoad;
            await using (var host = await HostProcess.StartAsync(hostDll, arguments))
            {
                using var http = host.CreateClient(TimeSpan.FromMinutes(30));
                var probes = new LoadProbes(host.CreateClient(), ProgrammeGenerator.UnusedCountry(countries), generator.LargestCountry);
                await probes.SeedAsync();
                ProcessMemory.ResetPeak(host.ProcessId);
                var clock = Stopwatch.StartNew();
                var import = ImportAsync(http, host.ProcessId, lines, clock);
                var probing = probes.RunUntil(import);
                await import;
                rate = lines.Count / clock.Elapsed.TotalSeconds;
                await probing;
                peak = ProcessMemory.PeakMiB(host.ProcessId);
                underLoad = probes.Result;
                await WaitCompleteAsync(http, returnees + probes.Registered, TimeSpan.FromMinutes(2));
                Console.WriteLine($"  all {returnees:N0} returnees counted at /global; idle for {idle.TotalSeconds:F0} s...");
                await Task.Delay(idle);
                idleMiB = ProcessMemory.CurrentMiB(host.ProcessId);
                await host.KillAsync();
                returnees += probes.Registered;
            }

            var restart = Stopwatch.StartNew();
            await using (var host = await HostProcess.StartAsync(hostDll, arguments))
            {
                using var http = host.CreateClient();
                await WaitCompleteAsync(http, returnees, TimeSpan.FromMinutes(5));
            }
            var restarted = restart.Elapsed;

            return
            [
                new($"embedded ingest of the whole programme (for reference)", $"{rate:N0} r/s", "", null, null),
                new($"peak resident memory during the import <= {PeakMiBTarget:N0} MiB", $"{peak:N0} MiB", "", null, peak <= PeakMiBTarget),
                new($"resident memory once idle <= {IdleMiBTarget:N0} MiB", $"{idleMiB:N0} MiB", "", null, idleMiB <= IdleMiBTarget),
                new($"every aggregate complete after the import", "complete", "", null, true),
                new($"restart after kill -9, ready and complete <= {RestartTarget.TotalSeconds:F0} s", $"{restarted.TotalSeconds:F1} s",
                    "", null, restarted <= RestartTarget),
                TargetRow.Latency("acknowledged -> visible in /countries/{iso3}, p99 <= 2 s", underLoad.ToCountry,
                    baseline?.Freshness, VisibleLimitMs),
                TargetRow.Latency("acknowledged -> visible in /metrics, p99 <= 2 s", underLoad.ToMetrics, baseline?.Freshness,
                    VisibleLimitMs),
                TargetRow.Latency("country read under load, p99 <= 10 ms", underLoad.CountryReads, baseline?.Country, CountryReadLimitMs),
                TargetRow.Latency($"/compare ({countries} countries) under load, p99 <= 50 ms", underLoad.CompareReads, baseline?.Compare,
                    CompareLimitMs),
                TargetRow.Latency($"/metrics ({countries} countries) under load, p99 <= 100 ms", underLoad.Scrapes, null, MetricsLimitMs),
                new("oldest change not shown yet, at each scrape under load (for reference)", underLoad.Freshness.ToString(), "", null,
                    null),
                new("time the host was paused by its garbage collector under load (for reference)",
                    underLoad.GcPaused is { } paused ? $"{paused:P1}" : "not scraped", "", null, null),
            ];
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The programme in requests of <see cref="LinesPerRequest"/> lines, printing progress and memory.</summary>
    private static async Task ImportAsync(HttpClient http, int processId, List<string> lines, Stopwatch clock)
    {
        for (var start = 0; start < lines.Count; start += LinesPerRequest)
        {
            var chunk = lines.Skip(start).Take(LinesPerRequest);
            using var response = await http.PostAsync("/api/v1/ingest",
                new ByteArrayContent(Encoding.UTF8.GetBytes(string.Join('\n', chunk) + "\n")));
            response.EnsureSuccessStatusCode();
            var report = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (report.GetProperty("rejected").GetInt64() > 0)
                throw new InvalidOperationException($"lines were rejected: {report}");
            var done = Math.Min(start + LinesPerRequest, lines.Count);
            var (resident, peakSoFar) = (ProcessMemory.CurrentMiB(processId), ProcessMemory.PeakMiB(processId));
            Console.WriteLine(
                $"  {done:N0} records in {clock.Elapsed.TotalSeconds:F0} s, resident {resident:N0} MiB, peak {peakSoFar:N0} MiB");
        }
    }

    /// <summary>Until <c>/global</c> is complete and counts every returnee.</summary>
    private static async Task WaitCompleteAsync(HttpClient http, int returnees, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var global = await http.GetFromJsonAsync<JsonElement>("/api/v1/global");
            if (global.GetProperty("complete").GetBoolean() && global.GetProperty("returnees").GetInt64() == returnees) return;
            if (clock.Elapsed > limit)
                throw new TimeoutException($"/global did not count {returnees:N0} returnees within {limit}: {global}");
            await Task.Delay(100);
        }
    }
}
