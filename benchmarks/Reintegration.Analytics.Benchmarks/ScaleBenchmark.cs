using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Benchmarks;

/// <summary>
/// <c>--scenario scale</c> (issue 10): durable NDJSON ingest of a generated programme (<see cref="ProgrammeGenerator"/>) into
/// PostgreSQL with fsync on and into the embedded default, each beside PostgreSQL's own <c>COPY</c> of the same lines into
/// a jsonb table on the same server in the same run, with a pass/fail line per target.
/// </summary>
internal static class ScaleBenchmark
{
    public const double PostgresShareOfCopy = 0.25;
    public const double PostgresRecordsPerSecond = 20_000;
    public const double EmbeddedRecordsPerSecond = 10_000;

    /// <summary>The size of the issue's mixed file: the default programme of this scenario.</summary>
    public const int Countries = 50, Communities = 2_000, Returnees = 20_000;

    public static async Task<List<TargetRow>> MeasureAsync(
        string hostDll, PostgresServer postgres, int countries, int communities, int returnees, int runs)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var lines = new ProgrammeGenerator(countries, communities, returnees, seed: 2026, today).Lines().ToList();
        var kinds = lines.GroupBy(l => JsonDocument.Parse(l).RootElement.GetProperty("kind").GetString()!)
            .ToDictionary(g => g.Key, g => g.Count());
        var body = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
        Console.WriteLine($"Programme: {countries} countries, {kinds.GetValueOrDefault("community")} communities, {lines.Count:N0} records " +
                          $"({string.Join(", ", kinds.Where(k => k.Key != "community").Select(k => $"{k.Value:N0} {k.Key}"))}), " +
                          $"{body.Length / 1e6:F1} MB of NDJSON");

        var copy = new List<double>();
        var intoPostgres = new List<double>();
        var intoEmbedded = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            copy.Add(await CopyAsync(await postgres.CreateDatabaseAsync("copy"), lines));
            intoPostgres.Add(await IngestAsync(hostDll, ["--postgres", await postgres.CreateDatabaseAsync("scale")], body, lines.Count));
            copy.Add(await CopyAsync(await postgres.CreateDatabaseAsync("copy"), lines));
            var directory = Directory.CreateTempSubdirectory("reintegration-scale-").FullName;
            try
            {
                intoEmbedded.Add(await IngestAsync(hostDll, ["--data-dir", directory], body, lines.Count));
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
            Console.WriteLine($"run {run + 1}: COPY {copy[^2]:N0} and {copy[^1]:N0} r/s, PostgreSQL ingest {intoPostgres[^1]:N0} r/s, " +
                              $"embedded ingest {intoEmbedded[^1]:N0} r/s");
        }

        var copyRate = Timing.Median(copy); // COPY runs before and after each ingest: with two, the faster one
        var postgresRate = Timing.Median(intoPostgres);
        var embeddedRate = Timing.Median(intoEmbedded);
        return
        [
            TargetRow.Rate($"durable ingest, PostgreSQL (fsync on) >= {PostgresShareOfCopy:P0} of COPY", postgresRate, copyRate,
                postgresRate / copyRate >= PostgresShareOfCopy),
            TargetRow.Rate($"durable ingest, PostgreSQL >= {PostgresRecordsPerSecond:N0} records/s", postgresRate, copyRate,
                postgresRate >= PostgresRecordsPerSecond),
            TargetRow.Rate($"durable ingest, embedded default >= {EmbeddedRecordsPerSecond:N0} records/s", embeddedRate, copyRate,
                embeddedRate >= EmbeddedRecordsPerSecond),
        ];
    }

    /// <summary>PostgreSQL's <c>COPY</c> (binary) of the same lines into a jsonb table, committed: records per second.</summary>
    private static async Task<double> CopyAsync(string connectionString, IReadOnlyList<string> lines)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("CREATE TABLE copy_baseline (line jsonb NOT NULL)", connection))
            await create.ExecuteNonQueryAsync();
        var clock = Stopwatch.StartNew();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using (var copy = await connection.BeginBinaryImportAsync("COPY copy_baseline (line) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var line in lines)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(line, NpgsqlDbType.Jsonb);
                }
                await copy.CompleteAsync();
            }
            await transaction.CommitAsync();
        }
        return lines.Count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>One <c>POST /ingest</c> of the whole file into a fresh host: acknowledged (durable) records per second.</summary>
    private static async Task<double> IngestAsync(string hostDll, string[] storage, byte[] body, int records)
    {
        await using var host = await HostProcess.StartAsync(hostDll,
            [.. storage, "--Orleans:SiloPort", HostProcess.FreePort().ToString(), "--Orleans:GatewayPort", HostProcess.FreePort().ToString()]);
        using var http = host.CreateClient(TimeSpan.FromMinutes(30));
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsync("/api/v1/ingest", new ByteArrayContent(body));
        response.EnsureSuccessStatusCode();
        var seconds = clock.Elapsed.TotalSeconds;
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        var rejected = report.GetProperty("rejected").GetInt64();
        if (rejected > 0) throw new InvalidOperationException($"{rejected} generated records were rejected: {report}");
        return records / seconds;
    }
}
