using System.Net;
using Reintegration.Analytics.Host.Tests.Infrastructure;

namespace Reintegration.Analytics.Host.Tests;

/// <summary>
/// GET /countries/{iso3}/followup (SPEC §3.1) and the follow-up counts of SPEC §2.4 through the API.
/// Countries SLE and DJI are used by no other test, and DJI is the only country of region EHOA used,
/// so their counts are this test's own.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class FollowUpEndpointTests(ApiFactory factory)
{
    private readonly ApiClient _api = factory.Api;

    private async Task<string> Returnee(string country, string communityId, int returnedDaysAgo, string prefix = "fu")
    {
        var caseId = Ids.New(prefix);
        Assert.Equal("applied", await _api.MustPut($"/returnees/{caseId}", Seed.Returnee(country, communityId, returnDate: Days.Ago(returnedDaysAgo))));
        return caseId;
    }

    private async Task<List<(string CaseId, string CommunityId, string WindowCloses)>> ListAll(string country, string status, int limit)
    {
        var listed = new List<(string, string, string)>();
        string? cursor = null;
        do
        {
            var page = await _api.MustGet($"/countries/{country}/followup?status={status}&limit={limit}" + (cursor is null ? "" : $"&cursor={cursor}"));
            Assert.Equal(country, page["country"]!.GetValue<string>());
            Assert.Equal(status, page["status"]!.GetValue<string>());
            Assert.True(page["complete"]!.GetValue<bool>());
            var cases = page["cases"]!.AsArray();
            Assert.True(cases.Count <= limit);
            foreach (var c in cases)
            {
                Assert.Equal(["caseId", "communityId", "returnDate", "windowOpens", "windowCloses", "lastSurveyDate"],
                    c!.AsObject().Select(p => p.Key));
                listed.Add((c["caseId"]!.GetValue<string>(), c["communityId"]!.GetValue<string>(), c["windowCloses"]!.GetValue<string>()));
                var returnDate = DateOnly.Parse(c["returnDate"]!.GetValue<string>());
                Assert.Equal(Days.Iso(returnDate.AddDays(270)), c["windowOpens"]!.GetValue<string>());
                Assert.Equal(Days.Iso(returnDate.AddDays(545)), c["windowCloses"]!.GetValue<string>());
            }
            cursor = page["next"]?.GetValue<string>();
            Assert.True(cursor is null || cases.Count == limit, "only a full page has a next page");
        } while (cursor is not null);
        return listed;
    }

    [Fact]
    public async Task Case_lists_page_through_exactly_the_cases_the_aggregates_count()
    {
        const string country = "SLE";
        var first = await _api.NewCommunity(country);
        var second = await _api.NewCommunity(country);
        var expected = new Dictionary<string, List<string>> { ["open"] = [], ["overdue"] = [], ["missed"] = [] };
        // Day boundaries (269/270, 365/366, 545/546) and a spread of other days, over two communities.
        int[] days = [269, 270, 300, 365, 366, 400, 450, 545, 546, 700, 270, 366, 546, 365, 545, 100, 900, 420, 380, 280];
        for (var i = 0; i < days.Length; i++)
        {
            var caseId = await Returnee(country, i % 2 == 0 ? first : second, days[i]);
            var status = days[i] < 270 ? null : days[i] <= 365 ? "open" : days[i] <= 545 ? "overdue" : "missed";
            if (status is not null) expected[status].Add(caseId);
        }
        // A covered case is on no list: returned 400 days ago, surveyed 300 days after its return.
        var covered = await Returnee(country, first, 400);
        Assert.Equal("applied", await _api.MustPut($"/returnees/{covered}/surveys/m9", Seed.Survey(Days.Ago(100), "m9", Answers.Best("none"))));

        var document = await _api.Eventually($"/countries/{country}", d =>
        {
            Assert.Equal(days.Length + 1, d["returnees"]!.GetValue<long>());
            Assert.Equal(1, d["followUp"]!["covered"]!.GetValue<long>());
        });
        foreach (var (status, cases) in expected)
        {
            var listed = await ListAll(country, status, limit: 3);
            Assert.Equal(cases.Order(StringComparer.Ordinal), listed.Select(c => c.CaseId).Order(StringComparer.Ordinal));
            Assert.Equal(listed.OrderBy(c => c.WindowCloses, StringComparer.Ordinal).ThenBy(c => c.CaseId, StringComparer.Ordinal), listed);
            Assert.Equal(cases.Count, document["followUp"]![status]!.GetValue<long>());

            var communityCounts = 0L;
            foreach (var communityId in new[] { first, second })
                communityCounts += (await _api.MustGet($"/communities/{communityId}"))["followUp"]![status]!.GetValue<long>();
            Assert.Equal(cases.Count, communityCounts);
        }
        Assert.Equal(days.Count(d => d >= 365) + 1, document["followUp"]!["due"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_survey_in_the_window_takes_a_case_off_the_overdue_list()
    {
        const string country = "DJI";
        var community = await _api.NewCommunity(country);
        var cases = new List<string>();
        for (var i = 0; i < 6; i++) cases.Add(await Returnee(country, community, 380 + i));
        await _api.Eventually("/regions/EHOA", d => Assert.Equal(6, d["followUp"]!["overdue"]!.GetValue<long>()));

        var view = await _api.MustGet($"/returnees/{cases[0]}");
        Assert.Equal("overdue", view["followUp"]!["status"]!.GetValue<string>());
        Assert.Equal(Days.Ago(380 - 545), view["followUp"]!["windowCloses"]!.GetValue<string>());

        Assert.Equal("applied", await _api.MustPut($"/returnees/{cases[0]}/surveys/m12", Seed.Survey(Days.Ago(10), "m12", Answers.Best("none"))));

        Assert.Equal("covered", (await _api.MustGet($"/returnees/{cases[0]}"))["followUp"]!["status"]!.GetValue<string>());
        await _api.Eventually($"/countries/{country}", d =>
        {
            Assert.Equal(5, d["followUp"]!["overdue"]!.GetValue<long>());
            Assert.Equal(1, d["followUp"]!["covered"]!.GetValue<long>());
            Assert.Equal(1.0 / 6, d["followUpCoverage"]!.GetValue<double>(), 12);
        });
        await _api.Eventually("/regions/EHOA", d =>
        {
            Assert.Equal(5, d["followUp"]!["overdue"]!.GetValue<long>());
            Assert.Equal(1, d["followUp"]!["covered"]!.GetValue<long>());
        });
        Assert.Equal(cases.Skip(1).Order(StringComparer.Ordinal),
            (await ListAll(country, "overdue", limit: 100)).Select(c => c.CaseId).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/countries/SLE/followup", "status")]
    [InlineData("/countries/SLE/followup?status=covered", "status")]
    [InlineData("/countries/SLE/followup?status=notYet", "status")]
    [InlineData("/countries/SLE/followup?status=overdue&limit=0", "limit")]
    [InlineData("/countries/SLE/followup?status=overdue&limit=1001", "limit")]
    [InlineData("/countries/SLE/followup?status=overdue&limit=ten", "limit")]
    [InlineData("/countries/SLE/followup?status=overdue&cursor=nonsense", "cursor")]
    [InlineData("/countries/sle/followup?status=overdue", "iso3")]
    public async Task Bad_queries_are_400_naming_the_parameter(string path, string field) =>
        ApiClient.AssertProblem(await _api.Get(path), HttpStatusCode.BadRequest, field);

    [Fact]
    public async Task A_country_without_returnees_has_empty_lists()
    {
        var page = await _api.MustGet("/countries/TCD/followup?status=missed");
        Assert.Empty(page["cases"]!.AsArray());
        Assert.Null(page["next"]);
    }
}
