using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Reintegration.Analytics.Host.Tests.Durability;
using Reintegration.Analytics.Host.Tests.Infrastructure;
using Reintegration.Analytics.TestSupport;
using Xunit.Abstractions;

namespace Reintegration.Analytics.Host.Tests.Access;

/// <summary>
/// A bounded soak (90 s by default; <c>SOAK_SECONDS</c> sets it) against a real host on PostgreSQL: workers mix writes,
/// reads, scoped and unauthenticated calls and bad input. Every answer must be the expected one (no 5xx, refusals only
/// where asked for), resident memory must stay flat after warm-up, and afterwards the aggregates equal a recount of what
/// was acknowledged.
/// </summary>
public sealed class SoakTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private static readonly string HostDll = Path.Combine(AppContext.BaseDirectory, "Reintegration.Analytics.Host.dll");
    private static readonly string[] Countries = ["TUN", "JOR"]; // MENA: the ingest key's scope
    private const int CasesPerCountry = 150;
    private const int Workers = 4;

    private sealed class Tally
    {
        public long Requests;
        public long ExpectedRefusals;
        public ConcurrentQueue<string> Errors { get; } = new();

        public void Check(HttpResponseMessage response, HttpStatusCode expected, string what)
        {
            Interlocked.Increment(ref Requests);
            if ((int)expected >= 400) Interlocked.Increment(ref ExpectedRefusals);
            if (response.StatusCode != expected && Errors.Count < 50)
                Errors.Enqueue($"{what}: expected {(int)expected}, got {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Mixed_load_with_bad_input_keeps_memory_flat_answers_as_expected_and_aggregates_exact()
    {
        var duration = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("SOAK_SECONDS"), out var s) ? s : 90);
        var connection = await postgres.Server.CreateDatabaseAsync("soak");
        await using var host = await HostProcess.StartAsync(HostDll,
        [
            "--postgres", connection, "--Api:MinimumCellSize", "1",
            "--Orleans:SiloPort", HostProcess.FreePort().ToString(), "--Orleans:GatewayPort", HostProcess.FreePort().ToString(),
        ]);
        using var admin = host.CreateClient(TimeSpan.FromSeconds(60));
        using var ingest = new HttpClient { BaseAddress = host.Url, Timeout = TimeSpan.FromSeconds(60) };
        ingest.DefaultRequestHeaders.Add(TestCredentials.Header, TestCredentials.RoleKeys["ingest"]);
        using var anonymous = new HttpClient { BaseAddress = host.Url };

        // The programme: communities and cases registered once; the soak adds surveys to them.
        var cases = new List<(string CaseId, string Country, string Community)>();
        var setup = new StringBuilder();
        foreach (var country in Countries)
        {
            for (var c = 0; c < 5; c++)
                setup.AppendLine(
                    $$"""{"kind":"community","communityId":"soak-{{country}}-{{c}}","country":"{{country}}","name":"C{{c}}"}""");
            for (var i = 0; i < CasesPerCountry; i++)
            {
                var caseId = $"soak-{country}-{i}";
                var community = $"soak-{country}-{i % 5}";
                cases.Add((caseId, country, community));
                var sex = i % 2 == 0 ? "female" : "male";
                var place = $"\"country\":\"{country}\",\"communityId\":\"{community}\"";
                setup.AppendLine(
                    $$"""{"kind":"returnee","caseId":"{{caseId}}",{{place}},"sex":"{{sex}}","returnDate":"2024-06-01","returnType":"avrr"}""");
            }
        }
        var loaded = await (await ingest.PostAsync("/api/v1/ingest", new StringContent(setup.ToString())))
            .Content.ReadFromJsonAsync<JsonNode>();
        Assert.Equal(0, loaded!["rejected"]!.GetValue<long>());

        var tally = new Tally();
        var latest = new ConcurrentDictionary<string, (int Day, double? Composite)>();
        var nextDay = new ConcurrentDictionary<string, int>();
        var memory = new ConcurrentBag<(TimeSpan At, double MiB)>();
        var clock = Stopwatch.StartNew();

        async Task WorkerAsync(int worker)
        {
            var random = new Random(worker);
            while (clock.Elapsed < duration)
            {
                var (caseId, country, community) = cases[random.Next(cases.Count)];
                switch (random.Next(10))
                {
                    case 0 or 1 or 2: // a survey dated after the case's earlier ones
                        var day = nextDay.AddOrUpdate(caseId, 1, (_, d) => d + 1);
                        var answers = random.Next(2) == 0 ? Answers.Best("none") : Answers.Worst();
                        var date = new DateOnly(2024, 6, 1).AddDays(day).ToString("yyyy-MM-dd");
                        var put = await ingest.PutAsJsonAsync(
                            $"/api/v1/returnees/{caseId}/surveys/d{day}", Seed.Survey(date, "adhoc", answers));
                        tally.Check(put, HttpStatusCode.OK, "survey");
                        if (put.IsSuccessStatusCode)
                        {
                            var composite = (await put.Content.ReadFromJsonAsync<JsonNode>())!["scores"]?["composite"]?.GetValue<double?>();
                            latest.AddOrUpdate(caseId, (day, composite), (_, old) => old.Day > day ? old : (day, composite));
                        }
                        break;
                    case 3:
                        tally.Check(await admin.GetAsync($"/api/v1/countries/{country}"), HttpStatusCode.OK, "country");
                        break;
                    case 4:
                        tally.Check(await admin.GetAsync($"/api/v1/compare?countries={string.Join(',', Countries)}&by=sex"),
                            HttpStatusCode.OK, "compare");
                        break;
                    case 5:
                        tally.Check(await ingest.GetAsync($"/api/v1/returnees/{caseId}"), HttpStatusCode.OK, "returnee");
                        tally.Check(await ingest.GetAsync($"/api/v1/countries/{country}/followup?status=open"),
                            HttpStatusCode.OK, "followup");
                        break;
                    case 6: // bad input: malformed JSON, an invalid field, an unknown community, an oversize NDJSON line
                        tally.Check(await ingest.PutAsync($"/api/v1/communities/bad-{worker}",
                            new StringContent("{\"country\":", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "malformed");
                        tally.Check(await ingest.PutAsJsonAsync($"/api/v1/returnees/{caseId}/surveys/bad",
                            Seed.Survey("2024-13-01", "adhoc", Answers.Best())), HttpStatusCode.BadRequest, "invalid date");
                        tally.Check(await ingest.PutAsJsonAsync($"/api/v1/returnees/soak-new-{worker}",
                            Seed.Returnee(country, "no-such-community")), HttpStatusCode.BadRequest, "unknown community");
                        var report = await ingest.PostAsync("/api/v1/ingest", new StringContent(new string(' ', 2_000_000) + "x\n"));
                        tally.Check(report, HttpStatusCode.OK, "oversize line");
                        break;
                    case 7: // outside the scope, and without credentials
                        tally.Check(await ingest.PutAsJsonAsync($"/api/v1/communities/soak-srb-{worker}", Seed.Community("SRB")),
                            HttpStatusCode.Forbidden, "out of scope");
                        tally.Check(await anonymous.GetAsync($"/api/v1/countries/{country}"), HttpStatusCode.Unauthorized, "anonymous");
                        break;
                    case 8:
                        tally.Check(await admin.GetAsync($"/api/v1/countries/{country}/communities"), HttpStatusCode.OK, "community table");
                        break;
                    default:
                        tally.Check(await admin.GetAsync("/metrics"), HttpStatusCode.OK, "metrics");
                        break;
                }
            }
        }

        var sampler = Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                memory.Add((clock.Elapsed, ProcessMemory.CurrentMiB(host.ProcessId)));
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        });
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(() => WorkerAsync(w))).Append(sampler));

        // Memory: after a warm-up of a fifth of the run, the last fifth is no higher than the second fifth by more than 25 %.
        var samples = memory.OrderBy(m => m.At).ToList();
        double Median(IEnumerable<double> values) { var v = values.Order().ToList(); return v[v.Count / 2]; }
        var early = Median(samples.Where(m => m.At > duration / 5 && m.At <= duration * 2 / 5).Select(m => m.MiB));
        var late = Median(samples.Where(m => m.At > duration * 4 / 5).Select(m => m.MiB));
        output.WriteLine($"{tally.Requests} requests in {duration.TotalSeconds:0} s ({tally.Requests / duration.TotalSeconds:0}/s), " +
                         $"{tally.ExpectedRefusals} expected refusals, {tally.Errors.Count} unexpected answers; " +
                         $"resident memory {samples[0].MiB:0} MiB at start, {early:0} MiB after warm-up, {late:0} MiB at the end");
        Assert.True(tally.Errors.IsEmpty, string.Join("\n", tally.Errors) + "\n" + host.RecentLog);
        Assert.True(late <= early * 1.25, $"memory grew from {early:0} MiB to {late:0} MiB");

        // Exact: each country's surveyed count and composite mean equal a recount of the acknowledged surveys.
        foreach (var country in Countries)
        {
            var current = latest.Where(l => l.Key.StartsWith($"soak-{country}-")).Select(l => l.Value.Composite).ToList();
            var composites = current.OfType<double>().ToList();
            await ApiClient.Eventually(async () =>
            {
                var document = (await admin.GetFromJsonAsync<JsonNode>($"/api/v1/countries/{country}"))!;
                Assert.Equal(CasesPerCountry, document["returnees"]!.GetValue<long>());
                Assert.Equal(current.Count, document["surveyed"]!.GetValue<long>());
                Assert.Equal(composites.Count, document["scores"]!["composite"]!["n"]!.GetValue<long>());
                Assert.Equal(composites.Average(), document["scores"]!["composite"]!["mean"]!.GetValue<double>(), 1e-9);
            }, TimeSpan.FromSeconds(30));
        }
    }
}
