using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Benchmarks;

/// <summary>
/// <c>--scenario memory</c> (issue 10): a generated programme (<see cref="ProgrammeGenerator"/>) through <c>POST /ingest</c>
/// into the embedded default, in requests of <see cref="LinesPerRequest"/> lines as a client would send a large file.
/// Measures the host's peak resident memory during the import and once idle, checks that every returnee is counted,
/// then kills the host and measures the restart until <c>/global</c> is complete again.
/// </summary>
internal static class MemoryBenchmark
{
    public const double PeakMiBTarget = 3 * 1024;
    public const double IdleMiBTarget = 1024;
    public static readonly TimeSpan RestartTarget = TimeSpan.FromSeconds(30);
    private const int LinesPerRequest = 50_000;

    /// <param name="idle">How long the host is left without calls before its idle memory is read.</param>
    public static async Task<int> RunAsync(string hostDll, int countries, int communities, int returnees, TimeSpan idle)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var lines = new ProgrammeGenerator(countries, communities, returnees, seed: 2026, today).Lines().ToList();
        Console.WriteLine($"Programme: {countries} countries, about {communities} communities, {returnees:N0} returnees, " +
                          $"{lines.Count:N0} records");
        var directory = Directory.CreateTempSubdirectory("reintegration-memory-").FullName;
        try
        {
            string[] arguments = ["--data-dir", directory, "--Orleans:SiloPort", HostProcess.FreePort().ToString(),
                "--Orleans:GatewayPort", HostProcess.FreePort().ToString()];
            double peak, idleMiB, rate;
            await using (var host = await HostProcess.StartAsync(hostDll, arguments))
            {
                using var http = host.CreateClient(TimeSpan.FromMinutes(30));
                ProcessMemory.ResetPeak(host.ProcessId);
                var clock = Stopwatch.StartNew();
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
                    var (resident, peakSoFar) = (ProcessMemory.CurrentMiB(host.ProcessId), ProcessMemory.PeakMiB(host.ProcessId));
                    Console.WriteLine($"  {done:N0} records in {clock.Elapsed.TotalSeconds:F0} s, resident {resident:N0} MiB, peak {peakSoFar:N0} MiB");
                }
                rate = lines.Count / clock.Elapsed.TotalSeconds;
                peak = ProcessMemory.PeakMiB(host.ProcessId);
                await WaitCompleteAsync(http, returnees, TimeSpan.FromMinutes(2));
                Console.WriteLine($"  all {returnees:N0} returnees counted at /global; idle for {idle.TotalSeconds:F0} s...");
                await Task.Delay(idle);
                idleMiB = ProcessMemory.CurrentMiB(host.ProcessId);
                await host.KillAsync();
            }

            var restart = Stopwatch.StartNew();
            await using (var host = await HostProcess.StartAsync(hostDll, arguments))
            {
                using var http = host.CreateClient();
                await WaitCompleteAsync(http, returnees, TimeSpan.FromMinutes(5));
            }
            var restarted = restart.Elapsed;

            Console.WriteLine();
            Console.WriteLine($"{"target",-62} {"measured",12}  result");
            Console.WriteLine($"{"embedded ingest (records/s, for reference)",-62} {rate,12:N0}");
            Row($"peak resident memory during the import <= {PeakMiBTarget:N0} MiB", $"{peak:N0} MiB", peak <= PeakMiBTarget);
            Row($"resident memory once idle <= {IdleMiBTarget:N0} MiB", $"{idleMiB:N0} MiB", idleMiB <= IdleMiBTarget);
            Row($"restart after kill -9, ready and complete <= {RestartTarget.TotalSeconds:F0} s", $"{restarted.TotalSeconds:F1} s",
                restarted <= RestartTarget);
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Row(string target, string measured, bool pass) =>
        Console.WriteLine($"{target,-62} {measured,12}  {(pass ? "pass" : "MISS")}");

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
