using System.Net;
using System.Text.Json.Nodes;
using Reintegration.Analytics.Host.Tests.Infrastructure;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Host.Tests.Access;

/// <summary>SPEC §4 beyond the status matrix: what a scoped caller sees and writes, and how tokens are checked.</summary>
[Collection(ApiCollection.Name)]
public class ScopeTests(ApiFactory factory)
{
    private static string KeyOf(string role) => TestCredentials.RoleKeys[role];

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [Fact]
    public async Task An_ingest_key_keeps_the_lines_of_its_countries_and_rejects_each_other_line_with_its_number()
    {
        var inside = Ids.New("in");
        var outside = Ids.New("out");
        var caseOutside = Ids.New("case");
        var admin = factory.Api;
        var other = await admin.NewCommunity(AccessData.OutCountry);
        Assert.Equal("applied", await admin.MustPut($"/returnees/{caseOutside}", Seed.Returnee(AccessData.OutCountry, other)));
        var body = string.Join("\n",
            $$"""{"kind":"community","communityId":"{{inside}}","country":"{{AccessData.InCountry}}","name":"A"}""",
            $$"""{"kind":"community","communityId":"{{outside}}","country":"{{AccessData.OutCountry}}","name":"B"}""",
            $$"""{"kind":"plan","caseId":"{{caseOutside}}","eligible":"2026-03-01"}""") + "\n";

        var report = await JsonAsync(await AccessData.SendAsync(factory, HttpMethod.Post, "/api/v1/ingest", body, KeyOf("ingest")));

        Assert.Equal(1, report["accepted"]!.GetValue<long>());
        Assert.Equal(2, report["rejected"]!.GetValue<long>());
        var errors = report["errors"]!.AsArray();
        Assert.Equal(2, errors[0]!["line"]!.GetValue<long>());
        Assert.Equal("country", errors[0]!["field"]!.GetValue<string>());
        Assert.Equal(3, errors[1]!["line"]!.GetValue<long>());
        Assert.Contains("is not registered", errors[1]!["error"]!.GetValue<string>()); // the case's existence is not revealed
        await admin.MustGet($"/communities/{inside}");
        ApiClient.AssertProblem(await admin.Get($"/communities/{outside}"), HttpStatusCode.NotFound, "communityId");
        Assert.Null((await admin.MustGet($"/returnees/{caseOutside}"))["plan"]?["eligible"]);
    }

    [Fact]
    public async Task An_ingest_key_cannot_move_a_case_of_another_country_into_its_own()
    {
        var data = await AccessData.OfAsync(factory);
        var response = await AccessData.SendAsync(factory, HttpMethod.Put, $"/api/v1/returnees/{data.OutCase}",
            Seed.Returnee(AccessData.InCountry, data.InCommunity), KeyOf("ingest"));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(AccessData.OutCountry,
            (await factory.Api.MustGet($"/returnees/{data.OutCase}"))["profile"]!["country"]!.GetValue<string>());
    }

    [Fact]
    public async Task Compare_without_countries_lists_only_the_callers_scope()
    {
        await AccessData.OfAsync(factory);
        var compare = await JsonAsync(await AccessData.SendAsync(factory, HttpMethod.Get, "/api/v1/compare", apiKey: KeyOf("viewer")));
        var countries = compare["rows"]!.AsArray().Select(r => r!["country"]!.GetValue<string>()).Distinct().ToList();
        Assert.Contains(AccessData.InCountry, countries);
        Assert.All(countries, c => Assert.Equal(AccessData.InRegion,
            Domain.Reference.RegionMap.Default.RegionOf(c)));
    }

    [Fact]
    public async Task An_analyst_lists_only_its_snapshots_and_takes_its_region_by_default()
    {
        var data = await AccessData.OfAsync(factory);
        var listed = await JsonAsync(await AccessData.SendAsync(factory, HttpMethod.Get, "/api/v1/snapshots", apiKey: KeyOf("analyst")));
        var ids = listed["snapshots"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).ToList();
        Assert.Contains(data.InSnapshot, ids);
        Assert.DoesNotContain(data.OutSnapshot, ids);
        Assert.All(listed["snapshots"]!.AsArray(), s => Assert.Equal(AccessData.InRegion, s!["scope"]!.GetValue<string>()));

        var created = await JsonAsync(await AccessData.SendAsync(factory, HttpMethod.Post, "/api/v1/snapshots", new { }, KeyOf("analyst")));
        Assert.Equal(AccessData.InRegion, created["scope"]!.GetValue<string>());
        var global = await AccessData.SendAsync(factory, HttpMethod.Post, "/api/v1/snapshots", new { scope = "global" }, KeyOf("analyst"));
        ApiClient.AssertProblem(new Reply(global.StatusCode, "application/problem+json", await global.Content.ReadAsStringAsync()),
            HttpStatusCode.Forbidden, "scope");
    }

    [Fact]
    public async Task Refusals_are_problem_documents_that_say_why()
    {
        var none = await AccessData.SendAsync(factory, HttpMethod.Get, $"/api/v1/countries/{AccessData.InCountry}");
        var body = await none.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-Api-Key", body);

        var outside = await AccessData.SendAsync(
            factory, HttpMethod.Get, $"/api/v1/countries/{AccessData.OutCountry}", apiKey: KeyOf("viewer"));
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Contains("outside the scope", await outside.Content.ReadAsStringAsync());

        var wrongRole = await AccessData.SendAsync(factory, HttpMethod.Get, "/api/v1/audit", apiKey: KeyOf("hq"));
        Assert.Contains("admin only", await wrongRole.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_api_key_may_also_come_as_a_bearer_value_for_scrapers_that_send_no_other_header()
    {
        var metrics = await AccessData.SendAsync(factory, HttpMethod.Get, "/metrics", bearer: KeyOf("metrics"));
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("reintegration_", await metrics.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Bearer_tokens_carry_role_and_scope_and_are_checked_for_signature_issuer_audience_and_expiry()
    {
        await AccessData.OfAsync(factory);
        async Task<HttpStatusCode> Country(string token, string country = AccessData.InCountry) =>
            (await AccessData.SendAsync(factory, HttpMethod.Get, $"/api/v1/countries/{country}", bearer: token)).StatusCode;

        var viewer = Tokens.Create("wca-office", "viewer", AccessData.InRegion);
        Assert.Equal(HttpStatusCode.OK, await Country(viewer));
        Assert.Equal(HttpStatusCode.Forbidden, await Country(viewer, AccessData.OutCountry));
        Assert.Equal(HttpStatusCode.OK, await Country(Tokens.Create("hq-analyst", "hq"), AccessData.OutCountry));

        Assert.Equal(HttpStatusCode.Unauthorized,
            await Country(Tokens.Create("x", "viewer", AccessData.InRegion, signingKey: new string('k', 40))));
        Assert.Equal(HttpStatusCode.Unauthorized,
            await Country(Tokens.Create("x", "viewer", AccessData.InRegion, issuer: "https://other")));
        Assert.Equal(HttpStatusCode.Unauthorized, await Country(Tokens.Create("x", "viewer", AccessData.InRegion, audience: "other")));
        Assert.Equal(HttpStatusCode.Unauthorized,
            await Country(Tokens.Create("x", "viewer", AccessData.InRegion, expires: DateTime.UtcNow.AddMinutes(-10))));
        Assert.Equal(HttpStatusCode.Unauthorized, await Country(Tokens.Create("x", "viewer"))); // a scoped role needs a scope
        Assert.Equal(HttpStatusCode.Unauthorized, await Country(Tokens.Create("x", "root")));
        Assert.Equal(HttpStatusCode.Unauthorized, await Country(Tokens.Create(null, "hq"))); // no sub: nobody to audit
        Assert.Equal(HttpStatusCode.Unauthorized, await Country(Tokens.Create("x", "viewer", AccessData.InRegion, secondRole: "admin")));
        Assert.Equal(HttpStatusCode.Unauthorized, await Country("not.a.token"));
    }

    [Fact]
    public async Task A_token_caller_is_named_jwt_and_its_sub_in_the_audit_log()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O");
        var token = Tokens.Create("tests-admin", "admin"); // the same name as the admin API key
        var response = await AccessData.SendAsync(factory, HttpMethod.Put, $"/api/v1/communities/{Ids.New("jwt")}",
            Seed.Community(AccessData.InCountry), bearer: token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var audit = await factory.Api.MustGet($"/audit?from={Uri.EscapeDataString(since)}&caller=jwt:tests-admin");
        var entry = Assert.Single(audit["entries"]!.AsArray())!;
        Assert.Equal("put.community", entry["action"]!.GetValue<string>());
    }
}
