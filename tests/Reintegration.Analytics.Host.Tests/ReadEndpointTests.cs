using System.Net;
using Reintegration.Analytics.Host.Tests.Infrastructure;

namespace Reintegration.Analytics.Host.Tests;

/// <summary>GET reads: returnees, communities, countries, regions, global (country NGA).</summary>
[Collection(ApiCollection.Name)]
public sealed class ReadEndpointTests(ApiFactory factory)
{
    private const string Country = "NGA";
    private readonly ApiClient _api = factory.Api;

    private static readonly string[] SharedFields =
    [
        "returnees", "surveyed", "scores", "sustainableShare", "improvement", "followUpCoverage",
        "remigrationNecessityShare", "plan", "assistance", "breakdown", "whatWorks", "asOf",
    ];

    [Fact]
    public async Task Country_document_has_the_fields_of_the_spec()
    {
        var (_, caseId) = await _api.NewReturnee(Country, sex: "male", age: 22);
        await _api.MustPut($"/returnees/{caseId}/surveys/s1", Seed.Survey(Days.Ago(2), "m3", Answers.MidWithYes("choice")));

        var document = await _api.Eventually($"/countries/{Country}", c => Assert.True(c["surveyed"]!.GetValue<long>() >= 1));
        Assert.Equal(Country, document["country"]!.GetValue<string>());
        Assert.Equal("WCA", document["region"]!.GetValue<string>());
        Assert.True(document["communities"]!.GetValue<long>() >= 1);
        var obj = document.AsObject();
        foreach (var field in SharedFields.Append("structuralIndex").Append("disaggregations"))
            Assert.True(obj.ContainsKey(field), $"missing {field} in {document.ToJsonString()}");
        foreach (var dimension in Answers.Dimensions)
        {
            Assert.True(document["scores"]![dimension]!.AsObject().ContainsKey("mean"));
            Assert.True(document["scores"]![dimension]!.AsObject().ContainsKey("n"));
        }
        Assert.True(DateTimeOffset.TryParse(document["asOf"]!.GetValue<string>(), out _));
    }

    [Fact]
    public async Task Country_never_seen_is_an_empty_document()
    {
        var document = await _api.MustGet("/countries/TCD");
        Assert.Equal("TCD", document["country"]!.GetValue<string>());
        Assert.Equal(0, document["returnees"]!.GetValue<long>());
        Assert.Null(document["scores"]!["composite"]!["mean"]);
    }

    [Theory]
    [InlineData("nga")]
    [InlineData("XXX")]
    [InlineData("NG")]
    [InlineData("NGAA")]
    public async Task Country_with_a_bad_code_is_400(string iso3)
    {
        ApiClient.AssertProblem(await _api.Get($"/countries/{iso3}"), HttpStatusCode.BadRequest, "iso3");
    }

    [Fact]
    public async Task Region_document_lists_its_countries()
    {
        await _api.NewReturnee(Country);
        var region = await _api.Eventually("/regions/WCA", r => Assert.Contains(Country, r["countries"]!.AsArray().Select(c => c!.GetValue<string>())));
        Assert.Equal("WCA", region["region"]!.GetValue<string>());
        var obj = region.AsObject();
        foreach (var field in SharedFields.Append("disaggregations"))
            Assert.True(obj.ContainsKey(field), $"missing {field}");
    }

    [Theory]
    [InlineData("XYZ")]
    [InlineData("wca")]
    [InlineData("AFRICA")]
    public async Task Unknown_region_is_404(string region)
    {
        ApiClient.AssertProblem(await _api.Get($"/regions/{region}"), HttpStatusCode.NotFound, "region");
    }

    [Fact]
    public async Task Unassigned_is_a_region()
    {
        var region = await _api.MustGet("/regions/UNASSIGNED");
        Assert.Equal("UNASSIGNED", region["region"]!.GetValue<string>());
    }

    [Fact]
    public async Task Global_document_lists_regions()
    {
        await _api.NewReturnee(Country);
        var global = await _api.Eventually("/global", g => Assert.Contains("WCA", g["regions"]!.AsArray().Select(r => r!.GetValue<string>())));
        var obj = global.AsObject();
        foreach (var field in SharedFields.Append("disaggregations"))
            Assert.True(obj.ContainsKey(field), $"missing {field}");
        Assert.True(global["returnees"]!.GetValue<long>() >= 1);
    }

    [Fact]
    public async Task Returnee_document_shows_profile_surveys_current_and_baseline()
    {
        var (_, caseId) = await _api.NewReturnee(Country, sex: "other", age: 55);
        await _api.MustPut($"/returnees/{caseId}/surveys/b", Seed.Survey(Days.Ago(80), "baseline", Answers.MidWithYes()));
        await _api.MustPut($"/returnees/{caseId}/surveys/f", Seed.Survey(Days.Ago(8), "m3", Answers.Best("none")));

        var view = await _api.MustGet($"/returnees/{caseId}");
        Assert.Equal("50+", view["ageBand"]!.GetValue<string>());
        Assert.Equal("f", view["currentSurveyId"]!.GetValue<string>());
        Assert.Equal("b", view["baselineSurveyId"]!.GetValue<string>());
        Assert.Equal(1.0, view["current"]!["composite"]!.GetValue<double>(), 1e-9);
        Assert.Equal(1.0 - Answers.MidWithYesComposite, view["improvement"]!.GetValue<double>(), 1e-9);
        var surveys = view["surveys"]!.AsArray();
        Assert.Equal(["b", "f"], surveys.Select(s => s!["surveyId"]!.GetValue<string>()));
        Assert.Equal("none", surveys[1]!["remigrationIntention"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_ids_are_404()
    {
        ApiClient.AssertProblem(await _api.Get($"/returnees/{Ids.New("nobody")}"), HttpStatusCode.NotFound, "caseId");
        ApiClient.AssertProblem(await _api.Get($"/communities/{Ids.New("nowhere")}"), HttpStatusCode.NotFound, "communityId");
    }

    [Fact]
    public async Task Health_endpoints_answer()
    {
        var live = await _api.Http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        var ready = await _api.Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}
