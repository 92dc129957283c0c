using System.Net;
using System.Text;
using Reintegration.Analytics.Host.Tests.Infrastructure;

namespace Reintegration.Analytics.Host.Tests;

/// <summary>PUT/GET /communities/{communityId} and GET /countries/{iso3}/communities (country MLI).</summary>
[Collection(ApiCollection.Name)]
public sealed class CommunityEndpointTests(ApiFactory factory)
{
    private const string Country = "MLI";
    private readonly ApiClient _api = factory.Api;

    [Fact]
    public async Task Put_community_is_applied_then_replay_is_unchanged()
    {
        var id = Ids.New("com");
        var body = new { country = Country, name = "Kayes Centre", admin1 = "Kayes", latitude = 14.45, longitude = -11.43 };

        var first = await _api.Put($"/communities/{id}", body);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("applied", first.Json["status"]!.GetValue<string>());
        Assert.Equal("community", first.Json["kind"]!.GetValue<string>());
        Assert.Equal(id, first.Json["ids"]!["communityId"]!.GetValue<string>());

        var replay = await _api.Put($"/communities/{id}", body);
        Assert.Equal(HttpStatusCode.OK, replay.Status);
        Assert.Equal("unchanged", replay.Json["status"]!.GetValue<string>());

        // A new name in the same country is an update.
        Assert.Equal("applied", await _api.MustPut($"/communities/{id}", body with { name = "Kayes" }));
    }

    [Fact]
    public async Task Get_community_answers_its_document()
    {
        var id = Ids.New("com");
        await _api.MustPut($"/communities/{id}", new { country = Country, name = "Ségou", admin1 = "Ségou" });

        var document = await _api.MustGet($"/communities/{id}");
        Assert.Equal(id, document["communityId"]!.GetValue<string>());
        Assert.Equal("Ségou", document["name"]!.GetValue<string>());
        Assert.Equal("Ségou", document["admin1"]!.GetValue<string>());
        Assert.Equal(Country, document["country"]!.GetValue<string>());
        Assert.Equal("WCA", document["region"]!.GetValue<string>());
        Assert.Equal(0, document["returnees"]!.GetValue<long>());
        Assert.Equal(0, document["surveyed"]!.GetValue<long>());
        foreach (var dimension in Answers.Dimensions)
            Assert.NotNull(document["scores"]![dimension]);
    }

    [Fact]
    public async Task Get_unknown_community_is_404()
    {
        ApiClient.AssertProblem(await _api.Get($"/communities/{Ids.New("nowhere")}"), HttpStatusCode.NotFound, "communityId");
    }

    [Fact]
    public async Task Get_community_with_invalid_id_is_400()
    {
        ApiClient.AssertProblem(await _api.Get("/communities/bad!id"), HttpStatusCode.BadRequest, "communityId");
    }

    [Fact]
    public async Task Reregistering_a_community_in_another_country_is_409()
    {
        var id = await _api.NewCommunity(Country);
        var reply = await _api.Put($"/communities/{id}", Seed.Community("SEN"));
        ApiClient.AssertProblem(reply, HttpStatusCode.Conflict, "country");

        // The community stays where it was.
        Assert.Equal(Country, (await _api.MustGet($"/communities/{id}"))["country"]!.GetValue<string>());
    }

    [Fact]
    public async Task Countries_communities_lists_registered_communities()
    {
        var first = await _api.NewCommunity(Country);
        var second = await _api.NewCommunity(Country);

        await _api.Eventually($"/countries/{Country}/communities", table =>
        {
            Assert.Equal(Country, table["country"]!.GetValue<string>());
            var ids = table["communities"]!.AsArray().Select(c => c!["communityId"]!.GetValue<string>()).ToList();
            Assert.Contains(first, ids);
            Assert.Contains(second, ids);
            Assert.All(table["communities"]!.AsArray(), c => Assert.Equal(Country, c!["country"]!.GetValue<string>()));
        });
    }

    [Fact]
    public async Task Countries_communities_with_bad_country_is_400()
    {
        ApiClient.AssertProblem(await _api.Get("/countries/mli/communities"), HttpStatusCode.BadRequest, "iso3");
        ApiClient.AssertProblem(await _api.Get("/countries/XXX/communities"), HttpStatusCode.BadRequest, "iso3");
    }

    [Theory]
    [InlineData("{\"country\":\"MLI\",\"name\":", "body")] // malformed JSON
    [InlineData("[{\"country\":\"MLI\",\"name\":\"x\"}]", "body")] // an array, not an object
    [InlineData("", "body")] // empty body
    [InlineData("{\"country\":\"sen\",\"name\":\"x\"}", "country")] // lower case
    [InlineData("{\"country\":\"XXX\",\"name\":\"x\"}", "country")] // not an ISO code
    [InlineData("{\"country\":\"SN\",\"name\":\"x\"}", "country")] // alpha-2
    [InlineData("{\"country\":42,\"name\":\"x\"}", "country")] // wrong type
    [InlineData("{\"name\":\"x\"}", "country")] // missing
    [InlineData("{\"country\":\"MLI\"}", "name")] // missing
    [InlineData("{\"country\":\"MLI\",\"name\":\"   \"}", "name")] // blank
    [InlineData("{\"country\":\"MLI\",\"name\":\"x\",\"latitude\":\"14.1\"}", "latitude")] // wrong type
    [InlineData("{\"country\":\"MLI\",\"name\":\"x\",\"latitude\":91}", "latitude")] // out of range
    [InlineData("{\"country\":\"MLI\",\"name\":\"x\",\"longitude\":-181}", "longitude")]
    [InlineData("{\"country\":\"MLI\",\"nmae\":\"x\",\"name\":\"x\"}", "nmae")] // misspelt / unknown field
    [InlineData("{\"country\":\"MLI\",\"Name\":\"x\",\"name\":\"x\"}", "Name")] // names are case-sensitive
    public async Task Bad_community_body_is_400_naming_the_field(string body, string field)
    {
        var id = Ids.New("com");
        ApiClient.AssertProblem(await _api.PutRaw($"/communities/{id}", body), HttpStatusCode.BadRequest, field);
        ApiClient.AssertProblem(await _api.Get($"/communities/{id}"), HttpStatusCode.NotFound, "communityId");
    }

    [Theory]
    [InlineData("bad!id")]
    [InlineData("has%20space")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")] // 70 characters
    public async Task Invalid_community_id_in_the_url_is_400(string id)
    {
        ApiClient.AssertProblem(await _api.Put($"/communities/{id}", Seed.Community(Country)), HttpStatusCode.BadRequest, "communityId");
    }

    [Fact]
    public async Task Community_id_in_the_body_must_match_the_url()
    {
        var id = Ids.New("com");
        var reply = await _api.Put($"/communities/{id}", new { communityId = "other", country = Country, name = "x" });
        ApiClient.AssertProblem(reply, HttpStatusCode.BadRequest, "communityId");

        // The same id in both places is fine.
        Assert.Equal("applied", await _api.MustPut($"/communities/{id}", new { communityId = id, country = Country, name = "x" }));
    }

    [Fact]
    public async Task Oversized_body_is_413()
    {
        var id = Ids.New("com");
        var body = $"{{\"country\":\"MLI\",\"name\":\"x\",\"admin1\":\"{new string('a', 70_000)}\"}}";
        var problem = ApiClient.AssertProblem(await _api.PutRaw($"/communities/{id}", body), HttpStatusCode.RequestEntityTooLarge, "body");
        Assert.Equal(413, problem["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task Oversized_body_without_content_length_is_413()
    {
        var id = Ids.New("com");
        var bytes = Encoding.UTF8.GetBytes($"{{\"country\":\"MLI\",\"name\":\"x\",\"admin1\":\"{new string('a', 70_000)}\"}}");
        var request = new HttpRequestMessage(HttpMethod.Put, $"{ApiClient.Base}/communities/{id}") { Content = ApiClient.Unsized(bytes) };
        ApiClient.AssertProblem(await _api.Send(request), HttpStatusCode.RequestEntityTooLarge, "body");
    }

    // Product bug: JsonElement.GetString() throws InvalidOperationException on an escaped unpaired
    // surrogate ("\ud800"), which escapes RecordParser and becomes a 500.
    [Fact]
    public async Task Unpaired_surrogate_escape_in_a_string_is_400_not_500()
    {
        var reply = await _api.PutRaw($"/communities/{Ids.New("com")}", "{\"country\":\"MLI\",\"name\":\"a\\ud800b\"}");
        Assert.True(reply.Status == HttpStatusCode.BadRequest, $"expected 400, got {reply}");
        Assert.Equal("application/problem+json", reply.MediaType);
    }

    // Product bug: JsonDocument.Parse accepts invalid UTF-8 inside a string; GetString() then throws → 500.
    [Fact]
    public async Task Invalid_utf8_in_the_body_is_400_not_500()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"country\":\"MLI\",\"name\":\"a?b\"}");
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0xFF;
        var request = new HttpRequestMessage(HttpMethod.Put, $"{ApiClient.Base}/communities/{Ids.New("com")}") { Content = new ByteArrayContent(bytes) };
        var reply = await _api.Send(request);
        Assert.True(reply.Status == HttpStatusCode.BadRequest, $"expected 400, got {reply}");
        Assert.Equal("application/problem+json", reply.MediaType);
    }
}
