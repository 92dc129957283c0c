using System.Net;
using System.Text.Json;
using Reintegration.Analytics.Host.Tests.Infrastructure;

namespace Reintegration.Analytics.Host.Tests;

/// <summary>PUT/GET /returnees/{caseId} (country NER).</summary>
[Collection(ApiCollection.Name)]
public sealed class ReturneeEndpointTests(ApiFactory factory)
{
    private const string Country = "NER";
    private readonly ApiClient _api = factory.Api;

    [Fact]
    public async Task Put_returnee_is_applied_then_replay_is_unchanged_and_get_shows_it()
    {
        var communityId = await _api.NewCommunity(Country);
        var caseId = Ids.New("case");
        var body = new Dictionary<string, object?>
        {
            ["country"] = Country,
            ["communityId"] = communityId,
            ["sex"] = "male",
            ["ageAtReturn"] = 24,
            ["returnDate"] = Days.Ago(40),
            ["returnType"] = "vhr",
            ["hostCountry"] = "LBY",
            ["monthsAbroad"] = 18,
            ["vulnerabilities"] = new[] { "health_needs", "trafficking_victim" },
        };

        var first = await _api.Put($"/returnees/{caseId}", body);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("applied", first.Json["status"]!.GetValue<string>());
        Assert.Equal(caseId, first.Json["ids"]!["caseId"]!.GetValue<string>());

        Assert.Equal("unchanged", await _api.MustPut($"/returnees/{caseId}", body));

        var view = await _api.MustGet($"/returnees/{caseId}");
        Assert.Equal(caseId, view["caseId"]!.GetValue<string>());
        Assert.Equal("18-24", view["ageBand"]!.GetValue<string>());
        var profile = view["profile"]!;
        Assert.Equal(Country, profile["country"]!.GetValue<string>());
        Assert.Equal(communityId, profile["communityId"]!.GetValue<string>());
        Assert.Equal("male", profile["sex"]!.GetValue<string>());
        Assert.Equal(Days.Ago(40), profile["returnDate"]!.GetValue<string>());
        Assert.Equal("vhr", profile["returnType"]!.GetValue<string>());
        Assert.Equal("LBY", profile["hostCountry"]!.GetValue<string>());
        Assert.Empty(view["surveys"]!.AsArray());

        // The community counts it once the live table holds the write (within the 2-second contract).
        await _api.Eventually($"/communities/{communityId}", community =>
        {
            Assert.Equal(1, community["returnees"]!.GetValue<long>());
            Assert.Equal(1, community["breakdown"]!["sex"]!["male"]!.GetValue<long>());
            Assert.Equal(1, community["breakdown"]!["vulnerability"]!["health_needs"]!.GetValue<long>());
        });
    }

    [Fact]
    public async Task Vulnerabilities_in_another_order_are_the_same_content()
    {
        var communityId = await _api.NewCommunity(Country);
        var caseId = Ids.New("case");
        var body = Seed.Returnee(Country, communityId);
        body["vulnerabilities"] = new[] { "disability", "elderly" };
        Assert.Equal("applied", await _api.MustPut($"/returnees/{caseId}", body));
        body["vulnerabilities"] = new[] { "elderly", "disability" };
        Assert.Equal("unchanged", await _api.MustPut($"/returnees/{caseId}", body));
    }

    [Fact]
    public async Task Profile_update_is_applied()
    {
        var (communityId, caseId) = await _api.NewReturnee(Country, age: 30);
        Assert.Equal("applied", await _api.MustPut($"/returnees/{caseId}", Seed.Returnee(Country, communityId, ageAtReturn: 31)));
        Assert.Equal("25-34", (await _api.MustGet($"/returnees/{caseId}"))["ageBand"]!.GetValue<string>());
        Assert.Equal("applied", await _api.MustPut($"/returnees/{caseId}", Seed.Returnee(Country, communityId, ageAtReturn: null)));
        Assert.Equal("unknown", (await _api.MustGet($"/returnees/{caseId}"))["ageBand"]!.GetValue<string>());
    }

    public static TheoryData<string, object?, string> BadFields => new()
    {
        { "ageAtReturn", "30", "ageAtReturn" }, // a string, not a number
        { "ageAtReturn", 30.5, "ageAtReturn" }, // not whole years
        { "ageAtReturn", -1, "ageAtReturn" },
        { "ageAtReturn", 150, "ageAtReturn" },
        { "sex", "f", "sex" },
        { "sex", "Female", "sex" },
        { "sex", null, "sex" }, // required
        { "returnType", "deported", "returnType" },
        { "returnType", "AVRR", "returnType" },
        { "country", "sen", "country" },
        { "country", "XXX", "country" },
        { "hostCountry", "Libya", "hostCountry" },
        { "returnDate", "2024/01/05", "returnDate" },
        { "returnDate", "05-01-2024", "returnDate" },
        { "returnDate", "2024-02-30", "returnDate" },
        { "returnDate", "2024-01-05T00:00:00Z", "returnDate" },
        { "returnDate", Days.Iso(Days.Today.AddDays(10)), "returnDate" }, // future
        { "returnDate", null, "returnDate" }, // required
        { "monthsAbroad", "12", "monthsAbroad" },
        { "vulnerabilities", "disability", "vulnerabilities" },
        { "vulnerabilities", new[] { "bogus" }, "vulnerabilities[0]" },
        { "communityId", "bad id", "communityId" },
        { "ageAtreturn", 30, "ageAtreturn" }, // misspelt: never silently dropped
        { "nationality", "NER", "nationality" }, // unknown field
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Bad_returnee_field_is_400_naming_it(string name, object? value, string field)
    {
        var communityId = await _api.NewCommunity(Country);
        var caseId = Ids.New("case");
        var body = Seed.Returnee(Country, communityId);
        if (value is null) body.Remove(name);
        else body[name] = value;

        ApiClient.AssertProblem(await _api.Put($"/returnees/{caseId}", body), HttpStatusCode.BadRequest, field);
        ApiClient.AssertProblem(await _api.Get($"/returnees/{caseId}"), HttpStatusCode.NotFound, "caseId");
    }

    [Theory]
    [InlineData("{\"country\":\"NER\",", "body")]
    [InlineData("[]", "body")]
    [InlineData("\"returnee\"", "body")]
    [InlineData("null", "body")]
    public async Task Malformed_returnee_body_is_400(string body, string field)
    {
        ApiClient.AssertProblem(await _api.PutRaw($"/returnees/{Ids.New("case")}", body), HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("a.b")] // dots are not allowed in case ids
    [InlineData("bad!id")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task Invalid_case_id_in_the_url_is_400(string caseId)
    {
        var communityId = await _api.NewCommunity(Country);
        ApiClient.AssertProblem(await _api.Put($"/returnees/{caseId}", Seed.Returnee(Country, communityId)), HttpStatusCode.BadRequest, "caseId");
        ApiClient.AssertProblem(await _api.Get($"/returnees/{caseId}"), HttpStatusCode.BadRequest, "caseId");
    }

    [Fact]
    public async Task Case_id_in_the_body_must_match_the_url()
    {
        var communityId = await _api.NewCommunity(Country);
        var body = Seed.Returnee(Country, communityId);
        body["caseId"] = "someone-else";
        ApiClient.AssertProblem(await _api.Put($"/returnees/{Ids.New("case")}", body), HttpStatusCode.BadRequest, "caseId");
    }

    [Fact]
    public async Task Unknown_community_is_400_on_communityId()
    {
        var caseId = Ids.New("case");
        var reply = await _api.Put($"/returnees/{caseId}", Seed.Returnee(Country, Ids.New("unregistered")));
        ApiClient.AssertProblem(reply, HttpStatusCode.BadRequest, "communityId");
        ApiClient.AssertProblem(await _api.Get($"/returnees/{caseId}"), HttpStatusCode.NotFound, "caseId");
    }

    [Fact]
    public async Task Country_other_than_the_communitys_is_400()
    {
        var communityId = await _api.NewCommunity(Country);
        var caseId = Ids.New("case");
        var problem = ApiClient.AssertProblem(await _api.Put($"/returnees/{caseId}", Seed.Returnee("SEN", communityId)), HttpStatusCode.BadRequest, null);
        var field = problem["field"]!.GetValue<string>();
        Assert.True(field is "country" or "communityId", $"field was {field}");
        ApiClient.AssertProblem(await _api.Get($"/returnees/{caseId}"), HttpStatusCode.NotFound, "caseId");
    }

    [Fact]
    public async Task Get_unknown_returnee_is_404()
    {
        ApiClient.AssertProblem(await _api.Get($"/returnees/{Ids.New("nobody")}"), HttpStatusCode.NotFound, "caseId");
    }

    [Fact]
    public async Task Oversized_returnee_body_is_413()
    {
        var communityId = await _api.NewCommunity(Country);
        var body = Seed.Returnee(Country, communityId);
        body["padding"] = new string('x', 66_000);
        var json = JsonSerializer.Serialize(body, ApiClient.Json);
        ApiClient.AssertProblem(await _api.PutRaw($"/returnees/{Ids.New("case")}", json), HttpStatusCode.RequestEntityTooLarge, "body");
    }

    [Fact]
    public async Task Moving_a_returnee_moves_its_contribution()
    {
        var (from, caseId) = await _api.NewReturnee(Country, sex: "female");
        await _api.MustPut($"/returnees/{caseId}/surveys/s1", Seed.Survey(Days.Ago(5), "m3", Answers.Best()));
        var to = await _api.NewCommunity(Country);

        Assert.Equal("applied", await _api.MustPut($"/returnees/{caseId}", Seed.Returnee(Country, to, sex: "female")));

        await _api.Eventually($"/communities/{from}", old =>
        {
            Assert.Equal(0, old["returnees"]!.GetValue<long>());
            Assert.Equal(0, old["surveyed"]!.GetValue<long>());
        });
        await _api.Eventually($"/communities/{to}", @new =>
        {
            Assert.Equal(1, @new["returnees"]!.GetValue<long>());
            Assert.Equal(1, @new["surveyed"]!.GetValue<long>());
            Assert.Equal(1.0, @new["scores"]!["composite"]!["mean"]!.GetValue<double>(), 1e-9);
        });
    }

    [Fact]
    public async Task Moving_a_returnee_to_another_country_moves_it_between_country_figures()
    {
        // Countries of their own (SLE, GNB): country documents are shared state.
        var from = await _api.NewCommunity("SLE");
        var to = await _api.NewCommunity("GNB");
        var caseId = Ids.New("case");
        await _api.MustPut($"/returnees/{caseId}", Seed.Returnee("SLE", from, sex: "male"));
        await _api.MustPut($"/returnees/{caseId}/surveys/s1", Seed.Survey(Days.Ago(5), "m3", Answers.MidWithYes()));
        await _api.Eventually("/countries/SLE", c => Assert.Equal(1, c["returnees"]!.GetValue<long>()));

        // Registering it in a community of another country with that country is a move.
        Assert.Equal("applied", await _api.MustPut($"/returnees/{caseId}", Seed.Returnee("GNB", to, sex: "male")));
        await _api.Eventually("/countries/SLE", c =>
        {
            Assert.Equal(0, c["returnees"]!.GetValue<long>());
            Assert.Equal(0, c["scores"]!["composite"]!["n"]!.GetValue<long>());
        });
        await _api.Eventually("/countries/GNB", c =>
        {
            Assert.Equal(1, c["returnees"]!.GetValue<long>());
            Assert.Equal(Answers.MidWithYesComposite, c["scores"]!["composite"]!["mean"]!.GetValue<double>(), 1e-9);
        });
    }
}
