using System.Net;
using System.Text.Json.Nodes;
using Reintegration.Analytics.Host.Tests.Infrastructure;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Host.Tests.Access;

/// <summary>SPEC §3.1 <c>GET /audit</c>: every write, ingest batch, snapshot, download and deletion leaves a row, refusals too.</summary>
[Collection(ApiCollection.Name)]
public class AuditTests(ApiFactory factory)
{
    private readonly ApiClient _api = factory.Api;

    private async Task<List<JsonNode>> EntriesAsync(string query)
    {
        var entries = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var page = await _api.MustGet($"/audit?{query}&limit=1000{(cursor is null ? "" : $"&cursor={cursor}")}");
            entries.AddRange(page["entries"]!.AsArray().Select(e => e!));
            cursor = page["next"]?.GetValue<string>();
        } while (cursor is not null);
        return entries;
    }

    [Fact]
    public async Task Writes_batches_refusals_and_downloads_are_in_the_log_with_who_what_and_outcome()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O");
        var data = await AccessData.OfAsync(factory);
        var community = await _api.NewCommunity(AccessData.InCountry);
        var ingestKey = TestCredentials.RoleKeys["ingest"];
        var line = $$"""{"kind":"community","communityId":"{{Ids.New("aud")}}","country":"{{AccessData.InCountry}}","name":"A"}""";
        var refused = $$"""{"kind":"community","communityId":"{{Ids.New("aud")}}","country":"{{AccessData.OutCountry}}","name":"B"}""";
        await AccessData.SendAsync(factory, HttpMethod.Post, "/api/v1/ingest", line + "\n" + refused + "\n", ingestKey);
        await AccessData.SendAsync(factory, HttpMethod.Put, $"/api/v1/countries/{AccessData.OutCountry}/assessments/x",
            new { date = "2026-01-01", items = new { } }, ingestKey);
        await _api.DownloadAsync(data.InSnapshot, "xlsx");

        var mine = await EntriesAsync($"from={Uri.EscapeDataString(since)}&caller={TestCredentials.AdminName}");
        Assert.Contains(mine, e => e["action"]!.GetValue<string>() == "put.community"
                                   && e["target"]!.GetValue<string>() == $"communityId={community}"
                                   && e["outcome"]!.GetValue<int>() == 200 && e["role"]!.GetValue<string>() == "admin");
        Assert.Contains(mine, e => e["action"]!.GetValue<string>() == "snapshot.download"
                                   && e["target"]!.GetValue<string>() == $"id={data.InSnapshot}"
                                   && e["details"]!.GetValue<string>() == "format=xlsx");
        Assert.All(mine, e => Assert.Equal(TestCredentials.AdminName, e["caller"]!.GetValue<string>()));

        var ingest = await EntriesAsync($"from={Uri.EscapeDataString(since)}&caller={TestCredentials.NameOf("ingest")}");
        Assert.Contains(ingest, e => e["action"]!.GetValue<string>() == "ingest" && e["target"]!.GetValue<string>() == "ndjson"
                                     && e["details"]!.GetValue<string>() == "accepted=1 unchanged=0 rejected=1");
        Assert.Contains(ingest, e => e["action"]!.GetValue<string>() == "put.structuralAssessment" && e["outcome"]!.GetValue<int>() == 403);
    }

    [Fact]
    public async Task Reads_of_aggregates_are_not_audited_and_bad_filters_are_400()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O");
        await _api.Get($"/countries/{AccessData.InCountry}");
        Assert.DoesNotContain(await EntriesAsync($"from={Uri.EscapeDataString(since)}"),
            e => e["target"]!.GetValue<string>() == $"iso3={AccessData.InCountry}" && !e["action"]!.GetValue<string>().StartsWith("put."));
        ApiClient.AssertProblem(await _api.Get("/audit?from=yesterday"), HttpStatusCode.BadRequest, "from");
        ApiClient.AssertProblem(await _api.Get("/audit?limit=0"), HttpStatusCode.BadRequest, "limit");
        ApiClient.AssertProblem(await _api.Get("/audit?cursor=-3"), HttpStatusCode.BadRequest, "cursor");
    }
}
