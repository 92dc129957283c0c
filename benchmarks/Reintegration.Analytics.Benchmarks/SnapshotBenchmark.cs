using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Benchmarks;

/// <summary>
/// Snapshots at scale (<c>--scenario snapshot</c>): a global snapshot of the demo programme, then of a programme with
/// <c>--communities</c> communities (default 20,000) spread over <c>--countries</c> countries (default 200) with
/// <c>--returnees</c> returnees (default 100,000, half of them surveyed). For each: the time to build the snapshot, and
/// per format the time, size and the host's peak resident memory above what it held before the download. The
/// baseline is the JSON download of the same snapshot. Then, on each programme, how soon an isolated write is visible in
/// its country's document: the live table protects the whole programme again (taking unchanged countries' families from
/// its memo) before it shows a change.
/// </summary>
internal static class SnapshotBenchmark
{
    private static readonly string[] Formats = ["json", "csv", "hxl", "xlsx"];

    public static async Task RunAsync(HttpClient http, int pid, int countries, int communities, int returnees)
    {
        var demo = await SettledReturneesAsync(http, 0);
        Console.WriteLine($"Demo programme: {demo:N0} returnees");
        var rows = new List<string>();
        await MeasureAsync(http, pid, "demo", rows);
        var ordered = Countries.All.Select(c => c.Iso3).Order(StringComparer.Ordinal).ToList();
        // The last code (ZWE): not the demo's, nor among the generated programme's first codes, so only probes move its count.
        var probes = new LoadProbes(http, ordered[^1], readCountry: "SEN");
        await probes.SeedAsync();
        await MeasureVisibilityAsync(probes, "demo", rows);

        var codes = ordered.Take(Math.Min(countries, ordered.Count - 1)).ToList();
        Console.WriteLine($"Registering {returnees:N0} returnees in {communities:N0} communities of {codes.Count} countries...");
        var clock = Stopwatch.StartNew();
        foreach (var (country, i) in codes.Select((c, i) => (c, i)))
        {
            var perCountry = returnees / codes.Count;
            await PostAsync(http, BenchmarkData.Registrations($"snap{i}", country, communities / codes.Count, perCountry));
            await PostAsync(http, BenchmarkData.Surveys($"snap{i}", perCountry, perCountry / 2, seed: i));
        }
        Console.WriteLine($"ingested in {clock.Elapsed.TotalSeconds:F0} s");
        await SettledReturneesAsync(http, demo + returnees / codes.Count * codes.Count);
        await MeasureAsync(http, pid, $"{communities / 1000}k communities", rows);
        await MeasureVisibilityAsync(probes, $"{communities / 1000}k communities", rows);

        Console.WriteLine();
        Console.WriteLine($"{"programme",-18} {"measurement",-26} {"median ms",10} {"vs JSON",8} {"MiB",9} {"peak +MiB",10}");
        foreach (var row in rows) Console.WriteLine(row);
    }

    private static async Task MeasureVisibilityAsync(LoadProbes probes, string programme, List<string> table)
    {
        var visible = await probes.IsolatedAsync(10);
        table.Add($"{programme,-18} {"write → visible (10)",-26} {visible.Median,10:F0}   p99 {visible.P99:F0} ms");
    }

    private static async Task MeasureAsync(HttpClient http, int pid, string programme, List<string> table)
    {
        var held = ProcessMemory.CurrentMiB(pid);
        ProcessMemory.ResetPeak(pid);
        var clock = Stopwatch.StartNew();
        using var created = await http.PostAsJsonAsync("/api/v1/snapshots", new { label = programme });
        created.EnsureSuccessStatusCode();
        var status = await created.Content.ReadFromJsonAsync<JsonElement>();
        var statusUrl = status.GetProperty("statusUrl").GetString()!;
        while (status.GetProperty("status").GetString() == "building")
        {
            await Task.Delay(20);
            status = await http.GetFromJsonAsync<JsonElement>(statusUrl);
        }
        if (status.GetProperty("status").GetString() != "ready") throw new InvalidOperationException($"snapshot failed: {status}");
        var built = clock.Elapsed.TotalMilliseconds;
        var id = status.GetProperty("id").GetString()!;
        table.Add($"{programme,-18} {$"build ({status.GetProperty("rows").GetInt64():N0} rows)",-26} {built,10:F0} {"",8} {"",9} "
            + $"{ProcessMemory.PeakMiB(pid) - held,10:F0}");

        table.Add($"{programme,-18} suppressed rows: {await SuppressedSharesAsync(http, id)}");
        double? json = null;
        foreach (var format in Formats)
        {
            var times = new List<double>();
            long bytes = 0;
            var before = ProcessMemory.CurrentMiB(pid);
            ProcessMemory.ResetPeak(pid);
            for (var run = 0; run < 5; run++)
            {
                clock.Restart();
                await using var body = await http.GetStreamAsync($"/api/v1/snapshots/{id}?format={format}");
                bytes = 0;
                var buffer = new byte[81920];
                int read;
                while ((read = await body.ReadAsync(buffer)) > 0) bytes += read;
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            var peak = ProcessMemory.PeakMiB(pid) - before;
            var median = Timing.Median(times);
            json ??= median;
            table.Add($"{programme,-18} {$"export {format}",-26} {median,10:F0} {median / json,8:F2} {bytes / 1048576.0,9:F1} "
                + $"{peak,10:F0}");
        }
    }

    /// <summary>The share of suppressed rows, in all and per level (SPEC §4: suppress only as much as protection needs).</summary>
    private static async Task<string> SuppressedSharesAsync(HttpClient http, string id)
    {
        var snapshot = await http.GetFromJsonAsync<JsonElement>($"/api/v1/snapshots/{id}?format=json");
        var rows = snapshot.GetProperty("rows").EnumerateArray()
            .Select(r => (Level: r.GetProperty("level").GetString()!, Suppressed: r.GetProperty("suppressed").GetBoolean())).ToList();
        static string Share(IReadOnlyCollection<(string, bool Suppressed)> part) =>
            $"{100.0 * part.Count(r => r.Suppressed) / Math.Max(1, part.Count):F1} %";
        return $"{Share(rows)} ("
            + string.Join(", ", rows.GroupBy(r => r.Level).Select(level => $"{level.Key} {Share(level.ToList())}")) + ")";
    }

    private static async Task PostAsync(HttpClient http, byte[] body)
    {
        using var response = await http.PostAsync("/api/v1/ingest", new ByteArrayContent(body));
        response.EnsureSuccessStatusCode();
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (report.GetProperty("rejected").GetInt64() > 0) throw new InvalidOperationException($"lines were rejected: {report}");
    }

    /// <summary>Waits until the global count reaches <paramref name="atLeast"/> and stays put for a second.</summary>
    /// <summary>
    /// The global count once it has stopped moving: the same in two reads a second apart, at least
    /// <paramref name="atLeast"/>, and current (the live table has no change waiting, so <c>asOf</c> is the read's moment).
    /// </summary>
    private static async Task<long> SettledReturneesAsync(HttpClient http, long atLeast)
    {
        long last = -1;
        while (true)
        {
            var asked = DateTimeOffset.UtcNow;
            var global = await http.GetFromJsonAsync<JsonElement>("/api/v1/global");
            var now = global.GetProperty("returnees").GetInt64();
            var current = global.GetProperty("asOf").GetDateTimeOffset() >= asked.AddMilliseconds(-100);
            if (now == last && current && now >= Math.Max(atLeast, 1)) return now;
            last = now;
            await Task.Delay(1000);
        }
    }
}
