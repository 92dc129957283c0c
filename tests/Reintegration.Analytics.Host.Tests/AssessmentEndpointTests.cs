using System.Net;
using Reintegration.Analytics.Host.Tests.Infrastructure;

namespace Reintegration.Analytics.Host.Tests;

/// <summary>
/// PUT /communities/{id}/assessments/{assessmentId} and PUT /countries/{iso3}/assessments/{assessmentId}
/// (communities in CIV; structural assessments in CIV and TGO, one test each as countries are shared state).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AssessmentEndpointTests(ApiFactory factory)
{
    private const string Country = "CIV";
    private readonly ApiClient _api = factory.Api;

    private static Dictionary<string, object?> CommunityAssessment(string date, long population = 4000, int cohesion = 3) => new()
    {
        ["date"] = date,
        ["population"] = population,
        ["services"] = new Dictionary<string, object> { ["health"] = 4, ["education"] = 3, ["water"] = 2, ["employment"] = 1, ["housing"] = 0, ["psychosocial"] = 2 },
        ["cohesion"] = cohesion,
        ["projects"] = new object[]
        {
            new { projectId = "p1", type = "vocational", returneeParticipants = 10, nonMigrantParticipants = 30 },
            new { projectId = "p2", type = "infrastructure", returneeParticipants = 5, nonMigrantParticipants = 5 },
        },
    };

    [Fact]
    public async Task Community_assessment_is_applied_replay_unchanged_and_shown()
    {
        var communityId = await _api.NewCommunity(Country);
        // Two returnees back within the last year, one from long ago.
        foreach (var daysAgo in new[] { 10, 200, 700 })
        {
            var body = Seed.Returnee(Country, communityId, returnDate: Days.Ago(daysAgo));
            await _api.MustPut($"/returnees/{Ids.New("case")}", body);
        }

        var first = await _api.Put($"/communities/{communityId}/assessments/ca1", CommunityAssessment(Days.Ago(30)));
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("applied", first.Json["status"]!.GetValue<string>());
        Assert.Equal("communityAssessment", first.Json["kind"]!.GetValue<string>());
        Assert.Equal("unchanged", await _api.MustPut($"/communities/{communityId}/assessments/ca1", CommunityAssessment(Days.Ago(30))));

        await _api.Eventually($"/communities/{communityId}", document =>
        {
            Assert.Equal((4 + 3 + 2 + 1 + 0 + 2) / 6.0 / 4.0, document["servicesIndex"]!.GetValue<double>(), 1e-9);
            Assert.Equal(3 / 4.0, document["cohesionIndex"]!.GetValue<double>(), 1e-9);
            Assert.Equal(35 / 50.0, document["jointParticipationShare"]!.GetValue<double>(), 1e-9);
            Assert.Equal(4000, document["population"]!.GetValue<long>());
            Assert.Equal(2 * 1000.0 / 4000, document["returnPressure"]!.GetValue<double>(), 1e-9);
            Assert.Equal("ca1", document["assessment"]!["assessmentId"]!.GetValue<string>());
        });

        // A later assessment becomes current; an earlier one sent afterwards does not.
        await _api.MustPut($"/communities/{communityId}/assessments/ca2", CommunityAssessment(Days.Ago(5), population: 1000, cohesion: 1));
        await _api.MustPut($"/communities/{communityId}/assessments/ca0", CommunityAssessment(Days.Ago(400), population: 9999, cohesion: 4));
        await _api.Eventually($"/communities/{communityId}", document =>
        {
            Assert.Equal("ca2", document["assessment"]!["assessmentId"]!.GetValue<string>());
            Assert.Equal(0.25, document["cohesionIndex"]!.GetValue<double>(), 1e-9);
            Assert.Equal(2 * 1000.0 / 1000, document["returnPressure"]!.GetValue<double>(), 1e-9);
        });
    }

    [Theory]
    [InlineData("services.health", 5)]
    [InlineData("services.health", -1)]
    [InlineData("services.health", "4")]
    [InlineData("services.transport", 2)]
    [InlineData("cohesion", 7)]
    [InlineData("population", 0)]
    [InlineData("population", "many")]
    [InlineData("projects[0].returneeParticipants", "ten")]
    [InlineData("projects[0].name", "unknown field")]
    [InlineData("populaton", 100)]
    public async Task Bad_community_assessment_is_400_naming_the_field(string path, object value)
    {
        var communityId = await _api.NewCommunity(Country);
        var body = CommunityAssessment(Days.Ago(3));
        switch (path.Split('.'))
        {
            case ["services", var name]:
                ((Dictionary<string, object>)body["services"]!)[name] = value;
                break;
            case ["projects[0]", var name]:
                body["projects"] = new object[]
                {
                    new Dictionary<string, object> { ["projectId"] = "p1", ["type"] = "t", ["returneeParticipants"] = 1, ["nonMigrantParticipants"] = 1, [name] = value },
                };
                break;
            default:
                body[path] = value;
                break;
        }
        ApiClient.AssertProblem(await _api.Put($"/communities/{communityId}/assessments/a1", body), HttpStatusCode.BadRequest, path);
    }

    [Theory]
    [InlineData("services")]
    [InlineData("cohesion")]
    [InlineData("date")]
    [InlineData("population")]
    public async Task Missing_community_assessment_field_is_400(string field)
    {
        var communityId = await _api.NewCommunity(Country);
        var body = CommunityAssessment(Days.Ago(3));
        body.Remove(field);
        ApiClient.AssertProblem(await _api.Put($"/communities/{communityId}/assessments/a1", body), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Assessment_of_an_unknown_community_is_404()
    {
        ApiClient.AssertProblem(await _api.Put($"/communities/{Ids.New("nowhere")}/assessments/a1", CommunityAssessment(Days.Ago(3))),
            HttpStatusCode.NotFound, "communityId");
    }

    private static object Structural(string date, int answered, int value = 2)
    {
        string[] names =
        [
            "national_policy", "sops", "referral_mechanism", "coordination_body", "mainstreamed_in_development_plans",
            "local_ownership", "access_health", "access_education", "access_employment", "access_housing", "access_psychosocial",
        ];
        return new { date, items = names.Take(answered).ToDictionary(n => n, n => value) };
    }

    [Fact]
    public async Task Structural_assessment_is_applied_replay_unchanged_and_sets_the_index()
    {
        var items = new Dictionary<string, int>
        {
            ["national_policy"] = 4, ["sops"] = 3, ["referral_mechanism"] = 2, ["coordination_body"] = 1,
            ["local_ownership"] = 0, ["access_health"] = 2, ["access_education"] = 3,
        };
        var body = new { date = Days.Ago(20), items };
        var first = await _api.Put($"/countries/{Country}/assessments/sa1", body);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("applied", first.Json["status"]!.GetValue<string>());
        Assert.Equal("structuralAssessment", first.Json["kind"]!.GetValue<string>());
        Assert.Equal("unchanged", await _api.MustPut($"/countries/{Country}/assessments/sa1", body));

        await _api.Eventually($"/countries/{Country}", country =>
        {
            Assert.Equal(15 / 7.0 / 4.0, country["structuralIndex"]!.GetValue<double>(), 1e-9);
            Assert.Equal("sa1", country["structuralAssessment"]!["assessmentId"]!.GetValue<string>());
        });
    }

    [Fact]
    public async Task Structural_index_needs_six_answered_items_in_the_latest_assessment()
    {
        const string country = "TGO";
        await _api.MustPut($"/countries/{country}/assessments/old", Structural(Days.Ago(100), answered: 6, value: 4));
        await _api.Eventually($"/countries/{country}", c => Assert.Equal(1.0, c["structuralIndex"]!.GetValue<double>(), 1e-9));

        await _api.MustPut($"/countries/{country}/assessments/new", Structural(Days.Ago(10), answered: 5, value: 4));
        await _api.Eventually($"/countries/{country}", c =>
        {
            Assert.Equal("new", c["structuralAssessment"]!["assessmentId"]!.GetValue<string>());
            Assert.Null(c["structuralIndex"]);
        });
    }

    [Theory]
    [InlineData("sen", "country")]
    [InlineData("XXX", "country")]
    public async Task Structural_assessment_of_a_bad_country_is_400(string iso3, string field)
    {
        ApiClient.AssertProblem(await _api.Put($"/countries/{iso3}/assessments/a1", Structural(Days.Ago(1), 6)), HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("{\"date\":\"2024-01-01\",\"items\":{\"sops\":5}}", "items.sops")]
    [InlineData("{\"date\":\"2024-01-01\",\"items\":{\"policy\":2}}", "items.policy")]
    [InlineData("{\"date\":\"2024-01-01\",\"items\":[1,2]}", "items")]
    [InlineData("{\"date\":\"2024-01-01\"}", "items")]
    [InlineData("{\"date\":\"01/01/2024\",\"items\":{\"sops\":1}}", "date")]
    [InlineData("{\"items\":{\"sops\":1}}", "date")]
    [InlineData("{\"date\":\"2024-01-01\",\"items\":{\"sops\":1},\"note\":\"x\"}", "note")]
    public async Task Bad_structural_assessment_is_400_naming_the_field(string body, string field)
    {
        ApiClient.AssertProblem(await _api.PutRaw("/countries/BEN/assessments/bad", body), HttpStatusCode.BadRequest, field);
    }
}
