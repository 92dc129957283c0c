using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.TestSupport;
using Xunit.Abstractions;

namespace Reintegration.Analytics.Host.Tests.Durability;

/// <summary>
/// Two silo processes form one cluster through PostgreSQL membership. Load goes through both; one
/// is killed with SIGKILL; the survivor takes over its grains, nothing acknowledged is lost, and the
/// aggregates it serves (API and /metrics) equal a recomputation from the individual records.
/// </summary>
public sealed class FailoverTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private static readonly string HostDll = Path.Combine(AppContext.BaseDirectory, "Reintegration.Analytics.Host.dll");

    private static readonly Dictionary<string, CommunityProfile> Communities = new()
    {
        ["fail.ner.1"] = new("NER", "Agadez", null, null, null),
        ["fail.ner.2"] = new("NER", "Zinder", null, null, null),
        ["fail.som.1"] = new("SOM", "Baidoa", null, null, null),
    };

    [Fact]
    public async Task The_surviving_silo_takes_over_and_nothing_acknowledged_is_lost()
    {
        var connection = await postgres.Server.CreateDatabaseAsync("failover");
        string[] Arguments() =>
        [
            "--postgres", connection, "--Api:MinimumCellSize", "1",
            "--Orleans:SiloPort", HostProcess.FreePort().ToString(), "--Orleans:GatewayPort", HostProcess.FreePort().ToString(),
            "--Orleans:Membership:ProbeTimeout", "00:00:01", "--Orleans:Membership:NumMissedProbesLimit", "2",
            "--Orleans:Membership:NumVotesForDeathDeclaration", "1",
        ];
        await using var first = await HostProcess.StartAsync(HostDll, Arguments());
        await using var second = await HostProcess.StartAsync(HostDll, Arguments());
        using var viaFirst = first.CreateClient(TimeSpan.FromSeconds(20));
        using var viaSecond = second.CreateClient(TimeSpan.FromSeconds(20));

        var caseIds = Enumerable.Range(0, 90).Select(i => $"fail-{i}").ToList();
        foreach (var (id, profile) in Communities)
            (await SurveyLoad.PutAsync(viaFirst, $"/api/v1/communities/{id}", $$"""{"country":"{{profile.Country}}","name":"{{profile.Name}}"}""")).EnsureSuccessStatusCode();
        var communityIds = Communities.Keys.ToList();
        for (var i = 0; i < caseIds.Count; i++)
        {
            var communityId = communityIds[i % communityIds.Count];
            var client = i % 2 == 0 ? viaFirst : viaSecond;
            (await SurveyLoad.PutAsync(client, $"/api/v1/returnees/{caseIds[i]}",
                $$"""{"country":"{{Communities[communityId].Country}}","communityId":"{{communityId}}","sex":"female","returnDate":"2025-02-01","returnType":"avrr"}""")).EnsureSuccessStatusCode();
        }

        var acknowledged = new ConcurrentDictionary<string, string>();
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3)))
            await Task.WhenAll(Enumerable.Range(0, 4).Select(w =>
                SurveyLoad.SendAsync(w % 2 == 0 ? viaFirst : viaSecond, caseIds, $"both{w}", new Random(w), acknowledged, stop.Token)));
        output.WriteLine($"{acknowledged.Count} surveys acknowledged through both silos");

        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(12)))
        {
            var load = Enumerable.Range(0, 4).Select(w => SurveyLoad.SendAsync(viaSecond, caseIds, $"after{w}", new Random(10 + w), acknowledged, stop.Token)).ToList();
            await Task.Delay(500);
            await first.KillAsync();
            await Task.WhenAll(load);
        }
        output.WriteLine($"{acknowledged.Count} surveys acknowledged in all, the first silo killed");

        // After the kill every case must be writable through the survivor again.
        foreach (var caseId in caseIds)
        {
            HttpResponseMessage response;
            var started = System.Diagnostics.Stopwatch.StartNew();
            do response = await SurveyLoad.PutAsync(viaSecond, $"/api/v1/returnees/{caseId}/surveys/final", SurveyLoad.RandomSurvey(new Random(caseId.GetHashCode())));
            while (response.StatusCode != HttpStatusCode.OK && started.Elapsed < TimeSpan.FromSeconds(30));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            acknowledged[$"{caseId}#final"] = caseId;
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var (world, views) = await ServedWorld.ReadAsync(viaSecond, Communities, caseIds);
            var lost = acknowledged.Where(a => views[a.Value].Surveys.All(s => s.SurveyId != a.Key.Split('#').Last() && s.SurveyId != a.Key)).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} acknowledged surveys lost, e.g. {string.Join(", ", lost.Take(5).Select(l => l.Key))}");
            try
            {
                foreach (var country in Communities.Values.Select(c => c.Country).Distinct())
                {
                    var document = await viaSecond.GetFromJsonAsync<CountryAggregateDocument>($"/api/v1/countries/{country}");
                    FigureAssert.Matches(Recompute.For(world, p => p.Country == country, today), document!, country, document!.Disaggregations);
                }
                var global = await viaSecond.GetFromJsonAsync<GlobalAggregateDocument>("/api/v1/global");
                FigureAssert.Matches(Recompute.For(world, _ => true, today), global!, "global", global!.Disaggregations);
                break;
            }
            catch (Xunit.Sdk.XunitException) when (deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(250); // the survivor's resync may still be running
            }
        }
        output.WriteLine($"aggregates exact {deadline.Elapsed.TotalSeconds:F1} s after the last write");

        // The survivor's /metrics serves the cluster-wide business figures, equal to the API's.
        var samples = MetricsText.Parse(await viaSecond.GetStringAsync("/metrics"));
        foreach (var country in Communities.Values.Select(c => c.Country).Distinct())
            Monitoring.ApiFigures.AssertCountrySeries(samples, (await viaSecond.GetFromJsonAsync<JsonNode>($"/api/v1/countries/{country}"))!,
                country, "survivor");
    }
}
