using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Reintegration.Analytics.Benchmarks;
using Reintegration.Analytics.TestSupport;

// Usage: dotnet run -c Release --project benchmarks/Reintegration.Analytics.Benchmarks [-- --store sqlite|postgres --runs 3 --returnees 20000 --surveys 60000]
// --scenario followup: case lists of one country instead (defaults --returnees 200000 --communities 200).
// --scenario metrics: GET /metrics with --countries countries (default 200) of --returnees returnees each (default 20).
// --scenario snapshot: snapshot build and export times and memory, for the demo programme and for --communities
//   communities (default 20000) in --countries countries (default 200) with --returnees returnees (default 100000).
// --scenario targets: every issue-10 target in one table: scale (on the issue's mixed file: 50 countries, 2,000
//   communities, 20,000 returnees, or the sizes given when smaller), then memory on the sizes given (default 1,000,000).
// --scenario scale: durable ingest of a generated, skewed programme (--countries 50, --communities 2000, --returnees 20000)
//   into PostgreSQL (fsync on) and into the embedded default, beside PostgreSQL's COPY of the same lines; pass/fail per target.
// --scenario memory: the same generator (--countries 200, --communities 20000, --returnees 1000000) through POST /ingest
//   into the embedded default: peak and idle resident memory (--idle seconds, default 150), completeness, restart time,
//   write-to-visible delays and read latencies during the import beside rows in PostgreSQL queried by GROUP BY.
// --scenario protection: disclosure control of the memory scenario's programme in process (--countries 200, --communities 20000,
//   --returnees 100000): from scratch, one family at a time, and again after one country changed with the live table's memo.
// --scenario generate --out FILE: writes the generated programme of the scale scenario (same defaults) as NDJSON, to be
//   imported with the CLI (`import FILE`) or POST /api/v1/ingest.
// --store postgres starts a throwaway PostgreSQL server (binaries from Debian's postgresql package) unless --postgres names one.
var options = Options.Parse(args);
if (options.Scenario == "generate")
    return await ProgrammeFile.WriteAsync(options.Out ?? "programme.ndjson", options.Countries, options.Communities, options.Returnees);
if (options.Scenario == "protection")
{
    ProtectionBenchmark.Run(options.Countries, options.Communities, options.Returnees);
    return 0;
}
var repository = FindRepositoryRoot();
var hostDll = Path.Combine(repository, "src", "Reintegration.Analytics.Host", "bin", "Release", "net10.0", "Reintegration.Analytics.Host.dll");
Console.WriteLine("Building the host (Release)...");
var build = Process.Start("dotnet", ["build", "-c", "Release", "-v", "quiet", "-nologo", Path.Combine(repository, "src", "Reintegration.Analytics.Host")]);
await build.WaitForExitAsync();
if (build.ExitCode != 0) return 1;
if (options.Scenario is "scale" or "memory" or "targets")
{
    await using var server = await PostgresServer.StartAsync(fsync: true);
    var rows = new List<TargetRow>();
    if (options.Scenario is "scale" or "targets")
        rows.AddRange(await ScaleBenchmark.MeasureAsync(hostDll, server, Math.Min(options.Countries, ScaleBenchmark.Countries),
            Math.Min(options.Communities, ScaleBenchmark.Communities), Math.Min(options.Returnees, ScaleBenchmark.Returnees),
            options.Runs));
    if (options.Scenario is "memory" or "targets")
        rows.AddRange(await MemoryBenchmark.MeasureAsync(hostDll, options.Countries, options.Communities, options.Returnees,
            TimeSpan.FromSeconds(options.Idle), server));
    TargetTable.Print(rows);
    return 0;
}

// The store under test: an SQLite file (the embedded default) or a throwaway PostgreSQL server.
await using var postgres = options.Store == "postgres" && options.Postgres is null ? await PostgresServer.StartAsync(fsync: true) : null;
var dataDirectory = Path.Combine(Path.GetTempPath(), $"reintegration-bench-{Guid.NewGuid():N}");
string[] storageArguments = options.Store == "postgres"
    ? ["--postgres", options.Postgres ?? await postgres!.CreateDatabaseAsync("bench")]
    : ["--data-dir", dataDirectory];
await using var host = await HostProcess.StartAsync(hostDll,
    [.. storageArguments, "--Orleans:SiloPort", HostProcess.FreePort().ToString(), "--Orleans:GatewayPort", HostProcess.FreePort().ToString(),
        .. (string[])(options.Scenario == "snapshot" ? ["--demo"] : [])]);
using var http = host.CreateClient(TimeSpan.FromMinutes(10)); // calls as an admin, the key configured by hash
if (options.Scenario is "followup" or "metrics" or "snapshot")
{
    if (options.Scenario == "followup") await FollowUpBenchmark.RunAsync(http, options.Returnees, options.Communities);
    else if (options.Scenario == "snapshot") await SnapshotBenchmark.RunAsync(http, host.ProcessId, options.Countries, options.Communities, options.Returnees);
    else await MetricsBenchmark.RunAsync(http, options.Countries, options.Returnees);
    await host.DisposeAsync();
    if (Directory.Exists(dataDirectory)) Directory.Delete(dataDirectory, recursive: true);
    return 0;
}
Console.WriteLine($"Store: {options.Store}. Host up at {host.Url}; {options.Runs} runs of {options.Surveys:N0} surveys over {options.Returnees:N0} returnees in {options.Communities} communities.");

var statementsPerSurvey = new List<double>();
var register = new List<double>();
var fresh = new List<double>();
var replay = new List<double>();
for (var run = 0; run < options.Runs; run++)
{
    var prefix = $"bench{run}";
    register.Add(await IngestAsync(BenchmarkData.Registrations(prefix, "SEN", options.Communities, options.Returnees)));
    var surveys = BenchmarkData.Surveys(prefix, options.Returnees, options.Surveys, seed: run);
    var before = await JournalAsync();
    fresh.Add(await IngestAsync(surveys));
    var after = await JournalAsync();
    statementsPerSurvey.Add((after.Statements - before.Statements) / (double)(after.Records - before.Records));
    replay.Add(await IngestAsync(surveys));
    Console.WriteLine($"run {run + 1}: registrations {register[^1]:N0}/s, new surveys {fresh[^1]:N0}/s, replayed surveys {replay[^1]:N0}/s");
}

var quietDelays = await VisibilityDelaysAsync("quiet", options.VisibilityProbes, pause: TimeSpan.FromSeconds(1));
var loadSurveys = BenchmarkData.Surveys("bench0", options.Returnees, options.Surveys, seed: 99);
var load = IngestAsync(loadSurveys);
var loadedDelays = await VisibilityDelaysAsync("loaded", options.VisibilityProbes, pause: TimeSpan.Zero, until: load);
await load;

Console.WriteLine();
Console.WriteLine($"{"measurement",-48} {"median",14} {"vs baseline",12}");
Console.WriteLine($"{"NDJSON replay of the same surveys (baseline)",-48} {Median(replay),10:N0} r/s {1.0,12:F2}");
Console.WriteLine($"{"NDJSON ingest, new surveys",-48} {Median(fresh),10:N0} r/s {Median(fresh) / Median(replay),12:F2}");
Console.WriteLine($"{"NDJSON ingest, new returnee registrations",-48} {Median(register),10:N0} r/s {Median(register) / Median(replay),12:F2}");
Console.WriteLine($"{"SQL statements per new survey (journal)",-48} {Median(statementsPerSurvey),14:F4}");
Console.WriteLine($"{"write acknowledged -> visible at /global, quiet",-48} {Median(quietDelays),11:F0} ms   (p90 {Timing.Percentile(quietDelays, 0.9):F0} ms, {quietDelays.Count} probes)");
await host.DisposeAsync();
if (Directory.Exists(dataDirectory)) Directory.Delete(dataDirectory, recursive: true);
Console.WriteLine($"{"write acknowledged -> visible at /global, loaded",-48} {Median(loadedDelays),11:F0} ms   (p90 {Timing.Percentile(loadedDelays, 0.9):F0} ms, {loadedDelays.Count} probes during an ingest)");
return 0;

async Task<double> IngestAsync(byte[] body)
{
    var lines = body.Count(b => b == (byte)'\n');
    var clock = Stopwatch.StartNew();
    using var response = await http.PostAsync("/api/v1/ingest", new ByteArrayContent(body));
    response.EnsureSuccessStatusCode();
    var report = await response.Content.ReadFromJsonAsync<JsonElement>();
    var rejected = report.GetProperty("rejected").GetInt64();
    if (rejected > 0) throw new InvalidOperationException($"{rejected} benchmark lines were rejected: {report}");
    return lines / clock.Elapsed.TotalSeconds;
}

// One new returnee at a time in a probe community; the delay is from its acknowledgement until
// /global counts it. "quiet" probes are a second apart; "loaded" ones run while an ingest is going on.
async Task<List<double>> VisibilityDelaysAsync(string name, int probes, TimeSpan pause, Task? until = null)
{
    await PutAsync($"/api/v1/communities/probe.{name}", new { country = "GIN", name = "Probe" });
    var delays = new List<double>();
    for (var i = 0; i < probes && until?.IsCompleted != true; i++)
    {
        await Task.Delay(pause);
        var before = await GlobalReturneesAsync();
        await PutAsync($"/api/v1/returnees/probe-{name}-{i}", new { country = "GIN", communityId = $"probe.{name}", sex = "female", returnDate = "2025-01-10", returnType = "avrr" });
        var acknowledged = Stopwatch.StartNew();
        while (await GlobalReturneesAsync() != before + 1)
        {
            if (acknowledged.Elapsed > TimeSpan.FromSeconds(10)) throw new TimeoutException("a write was not visible at /global within 10 s");
            await Task.Delay(5);
        }
        delays.Add(acknowledged.Elapsed.TotalMilliseconds);
    }
    return delays;
}

async Task<(long Records, long Statements)> JournalAsync()
{
    var journal = await http.GetFromJsonAsync<JsonElement>("/diagnostics/journal");
    return (journal.GetProperty("records").GetInt64(), journal.GetProperty("statements").GetInt64());
}

async Task PutAsync(string path, object body) => (await http.PutAsJsonAsync(path, body)).EnsureSuccessStatusCode();

async Task<long> GlobalReturneesAsync() =>
    (await http.GetFromJsonAsync<JsonElement>("/api/v1/global")).GetProperty("returnees").GetInt64();

static double Median(IReadOnlyList<double> values) => Timing.Percentile(values, 0.5);

static string FindRepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        if (File.Exists(Path.Combine(directory.FullName, "Reintegration.Analytics.sln"))) return directory.FullName;
    throw new InvalidOperationException("run the benchmark from inside the repository");
}

internal sealed record Options(
    int Runs, int Communities, int Returnees, int Surveys, int VisibilityProbes, string Store, string? Postgres, string Scenario,
    int Countries, int Idle, string? Out)
{
    public static Options Parse(string[] args)
    {
        int Value(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
        }
        string? Text(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var postgres = Text("--postgres");
        var store = Text("--store") ?? (postgres is null ? "sqlite" : "postgres");
        if (store is not ("sqlite" or "postgres")) throw new ArgumentException("--store is sqlite or postgres");
        var scenario = Text("--scenario") ?? "ingest";
        if (scenario is not ("ingest" or "followup" or "metrics" or "snapshot" or "scale" or "memory" or "targets"
                or "generate" or "protection"))
            throw new ArgumentException(
                "--scenario is ingest, followup, metrics, snapshot, scale, memory, targets, generate or protection");
        var returnees = scenario switch
        {
            "followup" => 200_000, "metrics" => 20, "snapshot" or "protection" => 100_000, "memory" or "targets" => 1_000_000,
            _ => 20_000,
        };
        var communities = scenario switch
        {
            "followup" => 200, "snapshot" or "memory" or "targets" or "protection" => 20_000, "scale" or "generate" => 2_000,
            _ => 20,
        };
        return new Options(Value("--runs", scenario is "scale" or "targets" ? 1 : 3), Value("--communities", communities),
            Value("--returnees", returnees), Value("--surveys", 60_000), Value("--probes", 20), store, postgres, scenario,
            Value("--countries", scenario is "scale" or "generate" ? 50 : 200), Value("--idle", 150), Text("--out"));
    }
}
