using System.Net;
using System.Net.Http.Json;
using System.Text;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.TestSupport;
using Xunit.Abstractions;

namespace Reintegration.Analytics.Host.Tests.Durability;

/// <summary>
/// PostgreSQL stops under load: writes are refused with 503 and Retry-After (never falsely
/// acknowledged), reads keep being served from memory, readiness reports not-ready while liveness
/// stays up, and the service recovers by itself when the database returns.
/// </summary>
public sealed class StorageOutageTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private static readonly string HostDll = Path.Combine(AppContext.BaseDirectory, "Reintegration.Analytics.Host.dll");

    [Fact]
    public async Task Writes_answer_503_during_an_outage_and_the_service_recovers_when_the_database_returns()
    {
        var connection = await postgres.Server.CreateDatabaseAsync("outage");
        await using var host = await HostProcess.StartAsync(HostDll,
        [
            "--postgres", connection, "--Api:MinimumCellSize", "1",
            "--Orleans:SiloPort", HostProcess.FreePort().ToString(), "--Orleans:GatewayPort", HostProcess.FreePort().ToString(),
        ]);
        using var http = host.CreateClient(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, (await Put(http, "/api/v1/communities/outage.1", """{"country":"MLI","name":"Kayes"}""")).StatusCode);
        for (var i = 0; i < 20; i++)
            Assert.Equal(HttpStatusCode.OK, (await Put(http, $"/api/v1/returnees/outage-{i}",
                """{"country":"MLI","communityId":"outage.1","sex":"female","returnDate":"2025-03-01","returnType":"avrr"}""")).StatusCode);
        var acknowledged = new List<string>();
        for (var i = 0; i < 20; i++)
            if ((await Put(http, $"/api/v1/returnees/outage-{i}/surveys/before", Survey(4))).StatusCode == HttpStatusCode.OK)
                acknowledged.Add($"outage-{i}/before");
        await Eventually(async () => (await Country(http)).Surveyed == 20);

        await postgres.Server.StopServerAsync();
        try
        {
            var refused = await Put(http, "/api/v1/returnees/outage-3/surveys/during", Survey(2));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter is not null, "503 without Retry-After");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

            // The community changes its state in memory before saving it: the failed save must not leave
            // that change behind to be "acknowledged" as unchanged by the retry below.
            var assessment = await Put(http, "/api/v1/communities/outage.1/assessments/during", Assessment);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, assessment.StatusCode);

            var newCase = await Put(http, "/api/v1/returnees/outage-new",
                """{"country":"MLI","communityId":"outage.1","sex":"male","returnDate":"2025-03-01","returnType":"vhr"}""");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, newCase.StatusCode);

            var country = await Country(http);
            Assert.Equal(20, country.Surveyed); // served from memory
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            await postgres.Server.StartServerAsync();
        }

        var recovered = System.Diagnostics.Stopwatch.StartNew();
        await Eventually(async () => (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        HttpResponseMessage retried;
        do
        {
            retried = await Put(http, "/api/v1/returnees/outage-3/surveys/during", Survey(2));
        } while (retried.StatusCode == HttpStatusCode.ServiceUnavailable && recovered.Elapsed < TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        HttpResponseMessage assessmentRetried;
        do
        {
            assessmentRetried = await Put(http, "/api/v1/communities/outage.1/assessments/during", Assessment);
        } while (assessmentRetried.StatusCode == HttpStatusCode.ServiceUnavailable && recovered.Elapsed < TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, assessmentRetried.StatusCode);
        Assert.Equal("applied", (await assessmentRetried.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("status").GetString());
        output.WriteLine($"writes accepted again {recovered.Elapsed.TotalSeconds:F1} s after the database restarted");

        var view = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/returnees/outage-3");
        var surveyIds = view.GetProperty("surveys").EnumerateArray().Select(s => s.GetProperty("surveyId").GetString()).ToList();
        Assert.Equal(["before", "during"], surveyIds.Order());
        foreach (var id in acknowledged)
        {
            var (caseId, surveyId) = (id.Split('/')[0], id.Split('/')[1]);
            var returnee = await http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/returnees/{caseId}");
            Assert.Contains(returnee.GetProperty("surveys").EnumerateArray(), s => s.GetProperty("surveyId").GetString() == surveyId);
        }
        await Eventually(async () => (await Country(http)).Surveyed == 20);
        Assert.Equal(20, (await Country(http)).Returnees);
    }

    private const string Assessment =
        """{"date":"2026-03-01","population":48000,"services":{"health":3,"education":2,"water":3,"employment":1,"housing":2,"psychosocial":1},"cohesion":3,"projects":[]}""";

    private static Task<HttpResponseMessage> Put(HttpClient http, string path, string json) =>
        http.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static string Survey(int likert) =>
        $$$"""{"date":"2026-02-01","round":"m6","answers":{"econ_satisfaction":{{{likert}}},"employed":"yes","can_borrow":"no","food_reduction":2,"productive_assets":"no","housing_access":{{{likert}}},"water_access":3,"health_access":3,"documentation":"yes","support_network":{{{likert}}},"physical_safety":4,"belonging":3,"able_to_stay":"yes","distress":2}}""";

    private static async Task<CountryAggregateDocument> Country(HttpClient http) =>
        (await http.GetFromJsonAsync<CountryAggregateDocument>("/api/v1/countries/MLI"))!;

    private static async Task Eventually(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (started.Elapsed > (timeout ?? TimeSpan.FromSeconds(10))) throw new TimeoutException("condition not met in time");
            await Task.Delay(100);
        }
    }
}
