using System.Net.Http.Json;
using System.Text;
using Npgsql;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Host.Tests.Durability;

/// <summary>
/// The relational read model in PostgreSQL: within seconds of the writes, community and country
/// rows carry the figures the API serves, with suppressed cells NULL as in the API, and are rewritten
/// on the refresh interval without writes.
/// </summary>
public sealed class ReadModelTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly string HostDll = Path.Combine(AppContext.BaseDirectory, "Reintegration.Analytics.Host.dll");

    [Fact]
    public async Task Community_and_country_rows_follow_the_aggregates_and_respect_suppression()
    {
        var connection = await postgres.Server.CreateDatabaseAsync("readmodel");
        await using var host = await HostProcess.StartAsync(HostDll,
        [
            "--postgres", connection, "--Api:MinimumCellSize", "5", "--ReadModel:RefreshInterval", "00:00:01",
            "--Orleans:SiloPort", HostProcess.FreePort().ToString(), "--Orleans:GatewayPort", HostProcess.FreePort().ToString(),
        ]);
        using var http = host.CreateClient();

        var body = new StringBuilder();
        body.AppendLine("""{"kind":"community","communityId":"rm.big","country":"TGO","name":"Lomé","latitude":6.13,"longitude":1.22}""");
        body.AppendLine("""{"kind":"community","communityId":"rm.mid","country":"TGO","name":"Sokodé"}""");
        body.AppendLine("""{"kind":"community","communityId":"rm.small","country":"TGO","name":"Kara"}""");
        for (var i = 0; i < 20; i++)
        {
            // 9, 8 and 3 returnees: the small one is below k = 5, and the middle one is hidden with it, since the country's
            // shown total minus the other two would give it back (protection across documents, as in the API).
            var community = i < 9 ? "rm.big" : i < 17 ? "rm.mid" : "rm.small";
            body.AppendLine($$"""{"kind":"returnee","caseId":"rm-{{i}}","country":"TGO","communityId":"{{community}}","sex":"female","returnDate":"2025-01-05","returnType":"avrr"}""");
            body.AppendLine(System.Text.Json.JsonSerializer.Serialize(new
            {
                kind = "survey", caseId = $"rm-{i}", surveyId = "s1", date = "2026-01-10", round = "m12",
                answers = new Dictionary<string, object>
                {
                    ["econ_satisfaction"] = 1 + i % 5, ["employed"] = "yes", ["can_borrow"] = "yes", ["food_reduction"] = 2,
                    ["productive_assets"] = "no", ["housing_access"] = 4, ["water_access"] = 4, ["health_access"] = 3,
                    ["documentation"] = "yes", ["support_network"] = 4, ["physical_safety"] = 4, ["belonging"] = 3,
                    ["able_to_stay"] = "yes", ["distress"] = 2,
                },
            }));
        }
        (await http.PostAsync("/api/v1/ingest", new StringContent(body.ToString()))).EnsureSuccessStatusCode();

        await using var database = new NpgsqlConnection(connection);
        await database.OpenAsync();
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var rows = await ReadAsync(database, "SELECT community_id, returnees, composite_mean, composite_n, latitude, suppressed FROM community_indicators WHERE country = 'TGO' ORDER BY community_id");
            var countryRows = await ReadAsync(database, "SELECT returnees, composite_mean, composite_n, communities, region, document->>'country', "
                + "followup_due, followup_covered, followup_open, followup_overdue, followup_missed FROM country_indicators WHERE country = 'TGO'");
            // Rows are written behind: wait for the state after the whole import (every survey counted).
            if (rows.Count == 3 && countryRows.Count == 1 && Equals(countryRows[0][2], 20L) && Equals(rows[0][3], 9L))
            {
                var country = await http.GetFromJsonAsync<CountryAggregateDocument>("/api/v1/countries/TGO");
                var big = await http.GetFromJsonAsync<CommunityAggregateDocument>("/api/v1/communities/rm.big");
                Assert.Equal(big!.Scores["composite"].Mean!.Value, (double)rows[0][2]!, 9);
                Assert.Equal(9L, rows[0][3]);
                Assert.Equal(6.13, (double)rows[0][4]!, 9);
                foreach (var hidden in new[] { "rm.mid", "rm.small" })
                {
                    var row = rows.Single(r => Equals(r[0], hidden));
                    var document = await http.GetFromJsonAsync<CommunityAggregateDocument>($"/api/v1/communities/{hidden}");
                    Assert.Null(document!.Returnees);
                    Assert.Null(row[1]); // suppressed, as in the API
                    Assert.Null(row[2]);
                    Assert.Equal(true, row[5]);
                }
                Assert.Equal(country!.Scores["composite"].Mean!.Value, (double)countryRows[0][1]!, 9);
                Assert.Equal(20L, countryRows[0][2]);
                Assert.Equal(3, countryRows[0][3]);
                Assert.Equal("WCA", countryRows[0][4]);
                Assert.Equal("TGO", countryRows[0][5]);
                // Returned 2025-01-05 and surveyed 370 days later: every case is due and covered.
                Assert.Equal(new object?[] { 20L, 20L, 0L, 0L, 0L }, countryRows[0][6..]);
                Assert.Equal(new long?[] { 20, 20, 0, 0, 0 },
                    [country.FollowUp.Due, country.FollowUp.Covered, country.FollowUp.Open, country.FollowUp.Overdue, country.FollowUp.Missed]);
                break;
            }
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), "read model rows did not appear within 10 s");
            await Task.Delay(200);
        }

        // Without any write, every row is rewritten on the refresh interval (day-dependent figures stay true).
        const string updated = "SELECT max(updated_at) FROM {0} WHERE country = 'TGO'";
        var before = (await ReadAsync(database, string.Format(updated, "country_indicators")))[0][0];
        var communitiesBefore = (await ReadAsync(database, string.Format(updated, "community_indicators")))[0][0];
        started.Restart();
        while (Equals((await ReadAsync(database, string.Format(updated, "country_indicators")))[0][0], before)
               || Equals((await ReadAsync(database, string.Format(updated, "community_indicators")))[0][0], communitiesBefore))
        {
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), "read model rows were not refreshed without writes");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Grafanas_login_reads_the_read_model_tables_and_nothing_else()
    {
        var connection = await postgres.Server.CreateDatabaseAsync("readers");
        await using (var host = await HostProcess.StartAsync(HostDll,
        [
            "--postgres", connection,
            "--Orleans:SiloPort", HostProcess.FreePort().ToString(), "--Orleans:GatewayPort", HostProcess.FreePort().ToString(),
        ]))
        {
        }

        // The script docker-compose runs on a new database server, then the tables as that login sees them.
        var builder = new NpgsqlConnectionStringBuilder(connection);
        var reader = $"reader_{Guid.NewGuid():N}"[..20];
        var script = Path.Combine(Monitoring.MonitoringFixture.RepositoryRoot, "grafana", "postgres", "readers.sh");
        var info = new System.Diagnostics.ProcessStartInfo("bash", [script]) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var (name, value) in new[]
                 {
                     ("POSTGRES_USER", builder.Username!), ("POSTGRES_DB", builder.Database!), ("PGHOST", builder.Host!),
                     ("PGPORT", builder.Port.ToString()), ("READMODEL_USER", reader), ("READMODEL_PASSWORD", "read-only"),
                 })
            info.Environment[name] = value;
        using (var process = System.Diagnostics.Process.Start(info)!)
        {
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, error);
        }

        await using var asReader = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection) { Username = reader, Password = "read-only" }.ConnectionString);
        await asReader.OpenAsync();
        await ReadAsync(asReader, "SELECT count(*) FROM country_indicators");
        await ReadAsync(asReader, "SELECT count(*) FROM community_indicators");
        foreach (var table in new[] { "returnee_journal", "community_members", "communities" })
        {
            var denied = await Assert.ThrowsAsync<PostgresException>(() => ReadAsync(asReader, $"SELECT count(*) FROM {table}"));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);
        }
    }

    private static async Task<List<object?[]>> ReadAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }
}
