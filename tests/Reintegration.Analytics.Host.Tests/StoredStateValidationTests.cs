using System.Net;
using System.Text.Json;
using Reintegration.Analytics.Host.Tests.Infrastructure;

namespace Reintegration.Analytics.Host.Tests;

/// <summary>
/// SPEC §2.3 rules checked against what is already stored: records dated before the return, a return date
/// moved after stored records, and the plan funnel order; through PUT and through NDJSON (country COG).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class StoredStateValidationTests(ApiFactory factory)
{
    private const string Country = "COG";
    private readonly ApiClient _api = factory.Api;

    private static string Line(object record) => JsonSerializer.Serialize(record, ApiClient.Json);

    [Fact]
    public async Task A_survey_or_assistance_dated_before_the_return_is_400_naming_date()
    {
        var (_, caseId) = await _api.NewReturnee(Country); // returned 100 days ago

        var survey = await _api.Put($"/returnees/{caseId}/surveys/early", Seed.Survey(Days.Ago(101), "baseline", Answers.Best("none")));
        var problem = ApiClient.AssertProblem(survey, HttpStatusCode.BadRequest, "date");
        Assert.Contains(Days.Ago(100), problem["detail"]!.GetValue<string>());
        ApiClient.AssertProblem(await _api.Put($"/returnees/{caseId}/assistance/early",
            new { date = Days.Ago(101), type = "cash", modality = "direct" }), HttpStatusCode.BadRequest, "date");

        Assert.Equal("applied", await _api.MustPut($"/returnees/{caseId}/surveys/on-the-day", Seed.Survey(Days.Ago(100), "baseline", Answers.Best("none"))));
        var view = await _api.MustGet($"/returnees/{caseId}");
        Assert.Single(view["surveys"]!.AsArray());
        Assert.Empty(view["assistance"]!.AsArray());
    }

    [Fact]
    public async Task A_return_date_moved_after_stored_records_is_400_naming_returnDate()
    {
        var (communityId, caseId) = await _api.NewReturnee(Country);
        Assert.Equal("applied", await _api.MustPut($"/returnees/{caseId}/surveys/s1", Seed.Survey(Days.Ago(50), "baseline", Answers.Best("none"))));

        ApiClient.AssertProblem(await _api.Put($"/returnees/{caseId}", Seed.Returnee(Country, communityId, returnDate: Days.Ago(49))),
            HttpStatusCode.BadRequest, "returnDate");
        Assert.Equal("applied", await _api.MustPut($"/returnees/{caseId}", Seed.Returnee(Country, communityId, returnDate: Days.Ago(50))));
    }

    [Fact]
    public async Task A_plan_out_of_funnel_order_is_400_naming_the_field_and_keeps_the_stored_plan()
    {
        var (_, caseId) = await _api.NewReturnee(Country);
        ApiClient.AssertProblem(await _api.Put($"/returnees/{caseId}/plan", new { planDeveloped = Days.Ago(20) }),
            HttpStatusCode.BadRequest, "planDeveloped");
        ApiClient.AssertProblem(await _api.Put($"/returnees/{caseId}/plan", new { eligible = Days.Ago(10), droppedOut = Days.Ago(11) }),
            HttpStatusCode.BadRequest, "droppedOut");

        Assert.Equal("applied", await _api.MustPut($"/returnees/{caseId}/plan", new { eligible = Days.Ago(30), planDeveloped = Days.Ago(20) }));
        // As merged with the stored plan: started needs planDeveloped on or before it.
        ApiClient.AssertProblem(await _api.Put($"/returnees/{caseId}/plan", new { assistanceStarted = Days.Ago(25) }),
            HttpStatusCode.BadRequest, "assistanceStarted");
        // Correcting eligible to after planDeveloped names eligible.
        ApiClient.AssertProblem(await _api.Put($"/returnees/{caseId}/plan", new { eligible = Days.Ago(19) }),
            HttpStatusCode.BadRequest, "eligible");
        Assert.Equal("applied", await _api.MustPut($"/returnees/{caseId}/plan", new { assistanceStarted = Days.Ago(20) }));

        var plan = (await _api.MustGet($"/returnees/{caseId}"))["plan"]!;
        Assert.Equal(Days.Ago(30), plan["eligible"]!.GetValue<string>());
        Assert.Equal(Days.Ago(20), plan["assistanceStarted"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ingest_reports_each_such_line_and_keeps_the_others()
    {
        var communityId = await _api.NewCommunity(Country);
        var caseId = Ids.New("case");
        var report = (await _api.Ingest(
            Line(new { kind = "returnee", caseId, country = Country, communityId, sex = "male", returnDate = Days.Ago(60), returnType = "vhr" }),
            Line(new { kind = "survey", caseId, surveyId = "early", date = Days.Ago(61), round = "baseline", answers = Answers.Best("none") }),
            Line(new { kind = "survey", caseId, surveyId = "ok", date = Days.Ago(59), round = "baseline", answers = Answers.Best("none") }),
            Line(new { kind = "plan", caseId, eligible = Days.Ago(40), assistanceCompleted = Days.Ago(30) }),
            Line(new { kind = "assistance", caseId, assistanceId = "a1", date = Days.Ago(70), type = "cash", modality = "direct" }))).Json;

        Assert.Equal(2, report["accepted"]!.GetValue<long>());
        Assert.Equal(3, report["rejected"]!.GetValue<long>());
        var errors = report["errors"]!.AsArray().ToDictionary(e => e!["line"]!.GetValue<long>(), e => e!["field"]!.GetValue<string>());
        Assert.Equal(new Dictionary<long, string> { [2] = "date", [4] = "assistanceCompleted", [5] = "date" }, errors);
    }

    [Fact]
    public async Task Kosovo_is_a_country_of_region_SEECA()
    {
        var (_, caseId) = await _api.NewReturnee("XKX");
        await _api.Eventually("/countries/XKX", d =>
        {
            Assert.Equal("SEECA", d["region"]!.GetValue<string>());
            Assert.Equal(1, d["returnees"]!.GetValue<long>());
        });
        Assert.Equal("XKX", (await _api.MustGet($"/returnees/{caseId}"))["profile"]!["country"]!.GetValue<string>());
    }
}
