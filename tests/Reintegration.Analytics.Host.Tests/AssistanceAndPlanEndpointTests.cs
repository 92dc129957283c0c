using System.Net;
using Reintegration.Analytics.Host.Tests.Infrastructure;

namespace Reintegration.Analytics.Host.Tests;

/// <summary>PUT /returnees/{caseId}/assistance/{assistanceId} and PUT /returnees/{caseId}/plan (country BFA).</summary>
[Collection(ApiCollection.Name)]
public sealed class AssistanceAndPlanEndpointTests(ApiFactory factory)
{
    private const string Country = "BFA";
    private readonly ApiClient _api = factory.Api;

    private static Dictionary<string, object?> Assistance(string type = "cash", string modality = "direct", object? amountUsd = null, object? satisfaction = null) => new()
    {
        ["date"] = Days.Ago(20),
        ["type"] = type,
        ["modality"] = modality,
        ["amountUsd"] = amountUsd,
        ["satisfaction"] = satisfaction,
    };

    [Fact]
    public async Task Put_assistance_is_applied_replay_unchanged_correction_applied()
    {
        var (communityId, caseId) = await _api.NewReturnee(Country);
        var body = Assistance("business_support", "direct", 250.5m, 4);

        var first = await _api.Put($"/returnees/{caseId}/assistance/a1", body);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("applied", first.Json["status"]!.GetValue<string>());
        Assert.Equal("assistance", first.Json["kind"]!.GetValue<string>());
        Assert.Equal("a1", first.Json["ids"]!["assistanceId"]!.GetValue<string>());

        Assert.Equal("unchanged", await _api.MustPut($"/returnees/{caseId}/assistance/a1", body));

        // Correction of the amount, and a second record of another type.
        Assert.Equal("applied", await _api.MustPut($"/returnees/{caseId}/assistance/a1", Assistance("business_support", "direct", 300m, 4)));
        Assert.Equal("applied", await _api.MustPut($"/returnees/{caseId}/assistance/a2", Assistance("medical", "referral")));

        var view = await _api.MustGet($"/returnees/{caseId}");
        Assert.Equal(2, view["assistance"]!.AsArray().Count);

        await _api.Eventually($"/communities/{communityId}", community =>
        {
            var assistance = community["assistance"]!;
            Assert.Equal(2, assistance["records"]!.GetValue<long>());
            Assert.Equal(300m, assistance["amountUsd"]!.GetValue<decimal>());
            Assert.Equal(1, assistance["returneesAssisted"]!.GetValue<long>());
            Assert.Equal(1, assistance["byType"]!["business_support"]!["records"]!.GetValue<long>());
            Assert.Equal(300m, assistance["byType"]!["business_support"]!["amountUsd"]!.GetValue<decimal>());
            Assert.Equal(1, assistance["byType"]!["medical"]!["records"]!.GetValue<long>());
            Assert.Equal(0m, assistance["byType"]!["medical"]!["amountUsd"]!.GetValue<decimal>());
        });
    }

    public static TheoryData<string, object?, string> BadFields => new()
    {
        { "type", "money", "type" },
        { "type", "Cash", "type" },
        { "type", null, "type" },
        { "modality", "online", "modality" },
        { "modality", null, "modality" },
        { "amountUsd", -5, "amountUsd" },
        { "amountUsd", "100", "amountUsd" },
        { "satisfaction", 0, "satisfaction" },
        { "satisfaction", 6, "satisfaction" },
        { "satisfaction", "good", "satisfaction" },
        { "date", "20-05-2024", "date" },
        { "date", Days.Iso(Days.Today.AddDays(5)), "date" },
        { "date", null, "date" },
        { "amountUSD", 5, "amountUSD" }, // misspelt
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Bad_assistance_field_is_400_naming_it(string name, object? value, string field)
    {
        var (_, caseId) = await _api.NewReturnee(Country);
        var body = Assistance("cash", "direct", 100m);
        if (value is null) body.Remove(name);
        else body[name] = value;
        ApiClient.AssertProblem(await _api.Put($"/returnees/{caseId}/assistance/a1", body), HttpStatusCode.BadRequest, field);
        Assert.Empty((await _api.MustGet($"/returnees/{caseId}"))["assistance"]!.AsArray());
    }

    [Fact]
    public async Task Assistance_for_an_unregistered_case_is_404()
    {
        ApiClient.AssertProblem(await _api.Put($"/returnees/{Ids.New("ghost")}/assistance/a1", Assistance()), HttpStatusCode.NotFound, "caseId");
    }

    [Fact]
    public async Task Assistance_with_invalid_id_in_the_url_is_400()
    {
        var (_, caseId) = await _api.NewReturnee(Country);
        ApiClient.AssertProblem(await _api.Put($"/returnees/{caseId}/assistance/a%20b", Assistance()), HttpStatusCode.BadRequest, "assistanceId");
    }

    [Fact]
    public async Task Put_plan_is_applied_replay_unchanged_statuses_stay_set()
    {
        var (communityId, caseId) = await _api.NewReturnee(Country);

        var first = await _api.Put($"/returnees/{caseId}/plan", new { eligible = Days.Ago(50), planDeveloped = Days.Ago(40) });
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("applied", first.Json["status"]!.GetValue<string>());
        Assert.Equal("plan", first.Json["kind"]!.GetValue<string>());

        Assert.Equal("unchanged", await _api.MustPut($"/returnees/{caseId}/plan", new { eligible = Days.Ago(50), planDeveloped = Days.Ago(40) }));
        // Omitting a status keeps it.
        Assert.Equal("unchanged", await _api.MustPut($"/returnees/{caseId}/plan", new { eligible = Days.Ago(50) }));
        Assert.Equal("applied", await _api.MustPut($"/returnees/{caseId}/plan", new { assistanceStarted = Days.Ago(30), assistanceCompleted = Days.Ago(10) }));

        var plan = (await _api.MustGet($"/returnees/{caseId}"))["plan"]!;
        Assert.Equal(Days.Ago(50), plan["eligible"]!.GetValue<string>());
        Assert.Equal(Days.Ago(40), plan["planDeveloped"]!.GetValue<string>());
        Assert.Equal(Days.Ago(30), plan["assistanceStarted"]!.GetValue<string>());
        Assert.Equal(Days.Ago(10), plan["assistanceCompleted"]!.GetValue<string>());
        Assert.Null(plan["droppedOut"]);

        await _api.Eventually($"/communities/{communityId}", community =>
        {
            var funnel = community["plan"]!;
            Assert.Equal(1, funnel["eligible"]!.GetValue<long>());
            Assert.Equal(1, funnel["planDeveloped"]!.GetValue<long>());
            Assert.Equal(1, funnel["assistanceStarted"]!.GetValue<long>());
            Assert.Equal(1, funnel["assistanceCompleted"]!.GetValue<long>());
            Assert.Equal(0, funnel["droppedOut"]!.GetValue<long>());
            Assert.Equal(1.0, funnel["completionRate"]!.GetValue<double>(), 1e-9);
        });
    }

    [Theory]
    [InlineData("{\"eligible\":\"2024-13-01\"}", "eligible")]
    [InlineData("{\"planDeveloped\":20240101}", "planDeveloped")]
    [InlineData("{\"completed\":\"2024-01-01\"}", "completed")]
    [InlineData("{\"droppedOut\":\"tomorrow\"}", "droppedOut")]
    [InlineData("[\"2024-01-01\"]", "body")]
    [InlineData("{\"eligible\":", "body")]
    public async Task Bad_plan_is_400_naming_the_field(string body, string field)
    {
        var (_, caseId) = await _api.NewReturnee(Country);
        ApiClient.AssertProblem(await _api.PutRaw($"/returnees/{caseId}/plan", body), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Plan_date_in_the_future_is_400()
    {
        var (_, caseId) = await _api.NewReturnee(Country);
        ApiClient.AssertProblem(await _api.Put($"/returnees/{caseId}/plan", new { eligible = Days.Iso(Days.Today.AddDays(3)) }), HttpStatusCode.BadRequest, "eligible");
    }

    [Fact]
    public async Task Plan_for_an_unregistered_case_is_404()
    {
        ApiClient.AssertProblem(await _api.Put($"/returnees/{Ids.New("ghost")}/plan", new { eligible = Days.Ago(1) }), HttpStatusCode.NotFound, "caseId");
    }

    private static string HugeAssistance(string amount) =>
        "{\"date\":\"2024-01-01\",\"type\":\"cash\",\"modality\":\"direct\",\"amountUsd\":" + amount + "}";

    // Amounts chosen so that 3e28 + 5e28 overflows a decimal (max ≈ 7.92e28) while what can reach the
    // country, region and global sums (3e28 from each test) does not: the other tests stay unaffected.
    private const string ThreeE28 = "30000000000000000000000000000";
    private const string FiveE28 = "50000000000000000000000000000";

    // Product bug: amountUsd is only checked to be a non-negative decimal. Two records whose sum exceeds
    // decimal.MaxValue overflow the per-type sum in ReturneeState.ToContribution after the state was
    // already stored: the PUT answers 500 and from then on every read and write of the returnee is a 500.
    [Fact]
    public async Task Huge_amounts_never_break_a_returnee()
    {
        var (_, caseId) = await _api.NewReturnee("MRT");
        var first = await _api.PutRaw($"/returnees/{caseId}/assistance/a1", HugeAssistance(ThreeE28));
        var second = await _api.PutRaw($"/returnees/{caseId}/assistance/a2", HugeAssistance(FiveE28));
        foreach (var reply in new[] { first, second })
            Assert.True(reply.Status is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"expected 200 or 400 (amountUsd), got {reply}");

        var view = await _api.Get($"/returnees/{caseId}");
        Assert.True(view.Status == HttpStatusCode.OK, $"GET returnee after huge amounts: {view}");
        var later = await _api.Put($"/returnees/{caseId}/assistance/a3", Assistance("cash", "direct", 1m));
        Assert.True(later.Status == HttpStatusCode.OK, $"a later ordinary write: {later}");
    }

    // Product bug (same root cause, community level): amounts that fit per returnee overflow the
    // community's sum in AggregateSummary.Add; the community document answers 500 and the community can
    // no longer report to its country, whose figures for it stay stale for good.
    [Fact]
    public async Task Huge_amounts_never_break_a_community_or_its_country()
    {
        const string country = "MRT";
        var (communityId, first) = await _api.NewReturnee(country);
        var second = Ids.New("case");
        await _api.MustPut($"/returnees/{second}", Seed.Returnee(country, communityId));
        foreach (var (caseId, amount) in new[] { (first, ThreeE28), (second, FiveE28) })
        {
            var reply = await _api.PutRaw($"/returnees/{caseId}/assistance/a1", HugeAssistance(amount));
            Assert.True(reply.Status is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"expected 200 or 400 (amountUsd), got {reply}");
        }

        var community = await _api.Get($"/communities/{communityId}");
        Assert.True(community.Status == HttpStatusCode.OK, $"GET community: {community}");

        // The community must still report to its country.
        await _api.MustPut($"/returnees/{Ids.New("case")}", Seed.Returnee(country, communityId));
        await _api.Eventually($"/countries/{country}/communities", table =>
        {
            var row = table["communities"]!.AsArray().Single(c => c!["communityId"]!.GetValue<string>() == communityId)!;
            Assert.Equal(3, row["returnees"]!.GetValue<long>());
        });
    }
}
