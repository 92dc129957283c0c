using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.TestSupport;
using Xunit.Abstractions;

namespace Reintegration.Analytics.Host.Tests.Durability;

/// <summary>
/// The service as a real process on a real PostgreSQL server, killed with SIGKILL at random moments
/// while surveys stream in: after each restart every acknowledged survey is there exactly once, and
/// every aggregate equals a recomputation from the individual records the service holds.
/// </summary>
public sealed class CrashRecoveryTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private const int Returnees = 150;
    private const int Kills = 4;
    private static readonly string HostDll = Path.Combine(AppContext.BaseDirectory, "Reintegration.Analytics.Host.dll");

    private static readonly Dictionary<string, CommunityProfile> Communities = new()
    {
        ["crash.sen.1"] = new("SEN", "Pikine", null, null, null),
        ["crash.sen.2"] = new("SEN", "Kolda", null, null, null),
        ["crash.gin.1"] = new("GIN", "Kindia", null, null, null),
        ["crash.eth.1"] = new("ETH", "Dessie", null, null, null),
    };

    [Fact]
    public async Task Acknowledged_writes_survive_kill_9_and_aggregates_stay_exact()
    {
        var connection = await postgres.Server.CreateDatabaseAsync("crash");
        var random = new Random(7);
        var acknowledged = new ConcurrentDictionary<string, string>(); // surveyId → caseId
        var caseIds = Enumerable.Range(0, Returnees).Select(i => $"crash-{i}").ToList();
        var siloPort = HostProcess.FreePort();
        var gatewayPort = HostProcess.FreePort();
        string[] arguments = ["--postgres", connection, "--Api:MinimumCellSize", "1",
            "--Orleans:SiloPort", siloPort.ToString(), "--Orleans:GatewayPort", gatewayPort.ToString()];

        var host = await HostProcess.StartAsync(HostDll, arguments);
        try
        {
            using (var http = host.CreateClient())
                await RegisterAsync(http, caseIds, host);

            for (var kill = 0; kill < Kills; kill++)
            {
                using var http = host.CreateClient(TimeSpan.FromSeconds(10));
                using var stop = new CancellationTokenSource();
                var workers = Enumerable.Range(0, 6)
                    .Select(w => SurveyLoad.SendAsync(http, caseIds, $"k{kill}w{w}", new Random(kill * 100 + w), acknowledged, stop.Token))
                    .ToList();
                await Task.Delay(TimeSpan.FromMilliseconds(1000 + random.Next(2000)));
                await host.KillAsync();
                stop.Cancel();
                await Task.WhenAll(workers);
                output.WriteLine($"kill {kill + 1}: {acknowledged.Count} surveys acknowledged so far");

                var restarted = Stopwatch.StartNew();
                await host.DisposeAsync();
                host = await HostProcess.StartAsync(HostDll, arguments);
                using var check = host.CreateClient();
                var global = await check.GetFromJsonAsync<GlobalAggregateDocument>("/api/v1/global");
                Assert.True(global!.Complete, "global aggregate not rebuilt within the recovery wait");
                output.WriteLine($"restart {kill + 1}: ready and global complete after {restarted.Elapsed.TotalSeconds:F1} s");
            }

            using var final = host.CreateClient();
            var (world, views) = await ServedWorld.ReadAsync(final, Communities, caseIds);

            var lost = acknowledged.Where(a => views[a.Value].Surveys.All(s => s.SurveyId != a.Key)).Select(a => a.Key).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} acknowledged surveys lost, e.g. {string.Join(", ", lost.Take(5))}");
            Assert.True(acknowledged.Count > 200, $"only {acknowledged.Count} surveys were acknowledged; the test proves little");

            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            foreach (var communityId in Communities.Keys)
            {
                var document = await final.GetFromJsonAsync<CommunityAggregateDocument>($"/api/v1/communities/{communityId}");
                FigureAssert.Matches(Recompute.For(world, p => p.CommunityId == communityId, today), document!, communityId);
            }
            foreach (var country in Communities.Values.Select(c => c.Country).Distinct())
            {
                var document = await final.GetFromJsonAsync<CountryAggregateDocument>($"/api/v1/countries/{country}");
                FigureAssert.Matches(Recompute.For(world, p => p.Country == country, today), document!, country, document!.Disaggregations);
            }
            var globalDocument = await final.GetFromJsonAsync<GlobalAggregateDocument>("/api/v1/global");
            FigureAssert.Matches(Recompute.For(world, _ => true, today), globalDocument!, "global", globalDocument!.Disaggregations);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static async Task RegisterAsync(HttpClient http, List<string> caseIds, HostProcess host)
    {
        var body = new StringBuilder();
        foreach (var (id, profile) in Communities)
            body.AppendLine($$"""{"kind":"community","communityId":"{{id}}","country":"{{profile.Country}}","name":"{{profile.Name}}"}""");
        var ids = Communities.Keys.ToList();
        for (var i = 0; i < caseIds.Count; i++)
        {
            var communityId = ids[i % ids.Count];
            body.AppendLine($$"""{"kind":"returnee","caseId":"{{caseIds[i]}}","country":"{{Communities[communityId].Country}}","communityId":"{{communityId}}","sex":"{{(i % 3 == 0 ? "female" : "male")}}","ageAtReturn":{{18 + i % 40}},"returnDate":"2025-0{{1 + i % 9}}-10","returnType":"avrr"}""");
        }
        var response = await http.PostAsync("/api/v1/ingest", new StringContent(body.ToString()));
        response.EnsureSuccessStatusCode();
        var report = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.True(report.GetProperty("rejected").GetInt32() == 0, $"registration lines rejected: {report}\nhost log:\n{host.RecentLog}");
    }
}
