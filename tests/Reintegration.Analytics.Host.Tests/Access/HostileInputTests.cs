using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Reintegration.Analytics.Host.Tests.Infrastructure;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Host.Tests.Access;

/// <summary>Limits on what one request may carry: line length, JSON depth, CSV rows.</summary>
[Collection(ApiCollection.Name)]
public class HostileInputTests(ApiFactory factory)
{
    private readonly ApiClient _api = factory.Api;

    private static string Deep(int depth) => new string('[', depth) + new string(']', depth);

    [Fact]
    public async Task An_overlong_NDJSON_line_is_rejected_by_number_and_the_next_line_is_kept()
    {
        var kept = Ids.New("kept");
        var huge = $$"""{"kind":"community","communityId":"{{Ids.New("huge")}}","country":"MNG","name":"{{new string('x', 200_000)}}"}""";
        var report = (await _api.IngestRaw(
            huge + "\r\n" + $$"""{"kind":"community","communityId":"{{kept}}","country":"MNG","name":"K"}""")).Json;
        Assert.Equal(1, report["accepted"]!.GetValue<long>());
        var error = Assert.Single(report["errors"]!.AsArray())!;
        Assert.Equal(1, error["line"]!.GetValue<long>());
        Assert.Contains("longer than 65536 characters", error["error"]!.GetValue<string>());
        await _api.MustGet($"/communities/{kept}");
    }

    [Theory]
    [InlineData(65536, "\n", false)]
    [InlineData(65536, "\r\n", false)]
    [InlineData(65537, "\n", true)]
    [InlineData(65537, "\r\n", true)]
    public async Task The_line_limit_counts_the_line_without_its_end(int length, string end, bool tooLong)
    {
        var head = $$"""{"kind":"community","communityId":"{{Ids.New("edge")}}","country":"MNG","name":" """;
        var line = head + new string('n', length - head.Length - 2) + "\"}";
        Assert.Equal(length, line.Length);
        var error = (await _api.IngestRaw(line + end)).Json["errors"]![0]?["error"]?.GetValue<string>() ?? "";
        Assert.Equal(tooLong, error.Contains("longer than 65536 characters"));
    }

    [Fact]
    public async Task Deeply_nested_JSON_is_refused_before_it_is_read()
    {
        var community = Ids.New("deep");
        ApiClient.AssertProblem(await _api.PutRaw($"/communities/{community}", $$"""{"country":"MNG","name":"A","x":{{Deep(500)}}}"""),
            HttpStatusCode.BadRequest, "body");
        var report = (await _api.IngestRaw(
            $$"""{"kind":"community","communityId":"{{community}}","country":"MNG","n":{{Deep(64)}}}""" + "\n")).Json;
        Assert.Contains("depth", report["errors"]![0]!["error"]!.GetValue<string>());
        ApiClient.AssertProblem(await _api.Get($"/communities/{community}"), HttpStatusCode.NotFound, "communityId");
    }

    [Fact]
    public async Task A_CSV_row_that_cannot_be_read_stops_the_import_there_and_keeps_the_rows_before()
    {
        var (_, caseId) = await _api.NewReturnee("MNG");
        var csv = $"caseId,surveyId,date,round,employed\n{caseId},s1,{Days.Ago(3)},baseline,yes\n"
            + $"{caseId},s2,{Days.Ago(2)},m3,\"{new string('y', 100_000)}\"\n";
        var response = await _api.Send(new HttpRequestMessage(HttpMethod.Post, ApiClient.Base + "/ingest")
        {
            Content = new StringContent(csv, Encoding.UTF8, "text/csv"),
        });
        var report = response.Json;
        Assert.Equal(1, report["accepted"]!.GetValue<long>());
        var error = Assert.Single(report["errors"]!.AsArray())!;
        Assert.Equal(3, error["line"]!.GetValue<long>());
        Assert.Contains("cannot be read", error["error"]!.GetValue<string>());
    }
}

/// <summary>Per-caller rate limits and request timeouts, on a host of its own with tight settings.</summary>
public class RateLimitAndTimeoutTests(RateLimitAndTimeoutTests.TightHost host) : IClassFixture<RateLimitAndTimeoutTests.TightHost>
{
    public sealed class TightHost : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Api:RequestsPerSecond", "2");
            builder.UseSetting("Api:RequestBurst", "4");
            builder.UseSetting("Api:RequestTimeout", "00:00:02");
            builder.UseSetting("Api:BulkRequestTimeout", "00:00:02");
        }
    }

    [Fact]
    public async Task A_caller_over_its_rate_gets_429_with_Retry_After_while_other_callers_go_on()
    {
        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
            statuses.Add(await AccessData.SendAsync(
                host, HttpMethod.Get, "/api/v1/indicators", apiKey: TestCredentials.RoleKeys["viewer"]));
        var refused = statuses.Where(s => s.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(refused.Count, 3, 4);
        Assert.All(refused, r => Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1)));
        Assert.Equal("application/problem+json", refused[0].Content.Headers.ContentType?.MediaType);

        var other = await AccessData.SendAsync(host, HttpMethod.Get, "/api/v1/indicators", apiKey: TestCredentials.RoleKeys["analyst"]);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        var health = await AccessData.SendAsync(host, HttpMethod.Get, "/health/live");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task An_ingest_whose_body_stalls_is_cut_off_with_504()
    {
        using var client = host.Server.CreateClient();
        client.DefaultRequestHeaders.Add(TestCredentials.Header, TestCredentials.RoleKeys["ingest"]);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var response = await client.PostAsync("/api/v1/ingest", new StallingContent());
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(30));

        // The batch's audit row says what it wrote before it was cut off.
        var audit = await AccessData.SendAsync(host, HttpMethod.Get, $"/api/v1/audit?caller={TestCredentials.NameOf("ingest")}",
            apiKey: TestCredentials.AdminKey);
        var entry = System.Text.Json.Nodes.JsonNode.Parse(await audit.Content.ReadAsStringAsync())!["entries"]!.AsArray()
            .Single(e => e!["action"]!.GetValue<string>() == "ingest")!;
        Assert.Equal(504, entry["outcome"]!.GetValue<int>());
        Assert.Equal("accepted=1 unchanged=0 rejected=0", entry["details"]!.GetValue<string>());
    }

    /// <summary>A body that sends one line and then nothing, as a stuck or hostile client would.</summary>
    private sealed class StallingContent : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync("""{"kind":"community","communityId":"stall-1","country":"TUN","name":"S"}"""u8.ToArray()
                .Concat("\n"u8.ToArray()).ToArray());
            await stream.FlushAsync();
            await Task.Delay(TimeSpan.FromMinutes(2));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
