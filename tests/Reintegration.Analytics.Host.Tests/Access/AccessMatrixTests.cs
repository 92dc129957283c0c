using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Reintegration.Analytics.Host.Tests.Infrastructure;
using Reintegration.Analytics.TestSupport;
using Xunit.Abstractions;

namespace Reintegration.Analytics.Host.Tests.Access;

/// <summary>
/// SPEC §4 as a matrix: every endpoint of the running service × every role (and no or a wrong key) × a target inside and
/// outside the scoped keys' region → the status the spec gives. The endpoints come from the service's own endpoint table,
/// and the expectations are written here from the spec, so an endpoint added without a row fails this test.
/// </summary>
[Collection(ApiCollection.Name)]
public class AccessMatrixTests(ApiFactory factory, ITestOutputHelper output)
{
    private static readonly string[] Everyone = ["ingest", "viewer", "analyst", "hq", "admin", "metrics"];
    private static readonly string[] Aggregates = ["viewer", "analyst", "hq", "admin"];
    private static readonly string[] Cases = ["ingest", "admin"];
    private static readonly string[] Snapshots = ["analyst", "hq", "admin"];
    private static readonly string[] Admin = ["admin"];
    private static readonly string[] Scrape = ["metrics", "admin"];
    private static readonly string[] Unscoped = ["hq", "admin", "metrics"];

    private const int Ok = 200, Accepted = 202, NoContent = 204, Forbidden = 403, NotFound = 404;

    /// <summary>
    /// One endpoint: who may call it; the request inside the scope and its status; and, when the endpoint is about a place,
    /// the request outside the scope and what a scoped caller gets for it (hq and admin get the inside status).
    /// </summary>
    private sealed record Row(
        string[] Allowed, Func<AccessData, Target> Inside, int InsideStatus,
        Func<AccessData, Target>? Outside = null, int OutsideStatus = 0, bool Open = false, bool WholeProgramme = false);

    private sealed record Target(string Path, object? Body = null);

    private static Dictionary<string, Row> Rows() => new()
    {
        ["GET /health/live"] = new(Everyone, _ => new("/health/live"), Ok, Open: true),
        ["GET /health/ready"] = new(Everyone, _ => new("/health/ready"), Ok, Open: true),
        ["GET /diagnostics/journal"] = new(Scrape, _ => new("/diagnostics/journal"), Ok),
        ["* /metrics"] = new(Scrape, _ => new("/metrics"), Ok),
        ["GET /api/v1/indicators"] = new(["ingest", "viewer", "analyst", "hq", "admin"], _ => new("/api/v1/indicators"), Ok),
        ["GET /api/v1/audit"] = new(Admin, _ => new("/api/v1/audit?limit=5"), Ok),

        ["GET /api/v1/global"] = new(Aggregates, _ => new("/api/v1/global"), Ok, WholeProgramme: true),
        ["GET /api/v1/regions/{region}"] = new(Aggregates,
            _ => new($"/api/v1/regions/{AccessData.InRegion}"), Ok, _ => new($"/api/v1/regions/{AccessData.OutRegion}"), Forbidden),
        ["GET /api/v1/countries/{iso3}"] = new(Aggregates,
            _ => new($"/api/v1/countries/{AccessData.InCountry}"), Ok, _ => new($"/api/v1/countries/{AccessData.OutCountry}"), Forbidden),
        ["GET /api/v1/countries/{iso3}/communities"] = new(Aggregates,
            _ => new($"/api/v1/countries/{AccessData.InCountry}/communities"), Ok,
            _ => new($"/api/v1/countries/{AccessData.OutCountry}/communities"), Forbidden),
        ["GET /api/v1/communities/{communityId}"] = new(Aggregates,
            d => new($"/api/v1/communities/{d.InCommunity}"), Ok, d => new($"/api/v1/communities/{d.OutCommunity}"), NotFound),
        ["GET /api/v1/compare"] = new(Aggregates,
            _ => new($"/api/v1/compare?countries={AccessData.InCountry}"), Ok,
            _ => new($"/api/v1/compare?countries={AccessData.InCountry},{AccessData.OutCountry}"), Forbidden),

        ["GET /api/v1/returnees/{caseId}"] = new(Cases,
            d => new($"/api/v1/returnees/{d.InCase}"), Ok, d => new($"/api/v1/returnees/{d.OutCase}"), NotFound),
        ["GET /api/v1/countries/{iso3}/followup"] = new(Cases,
            _ => new($"/api/v1/countries/{AccessData.InCountry}/followup?status=open"), Ok,
            _ => new($"/api/v1/countries/{AccessData.OutCountry}/followup?status=open"), Forbidden),

        ["PUT /api/v1/communities/{communityId}"] = new(Cases,
            d => new($"/api/v1/communities/{d.InCommunity}", Seed.Community(AccessData.InCountry)), Ok,
            d => new($"/api/v1/communities/{d.OutCommunity}", Seed.Community(AccessData.OutCountry)), Forbidden),
        ["PUT /api/v1/returnees/{caseId}"] = new(Cases,
            d => new($"/api/v1/returnees/{d.InCase}", Seed.Returnee(AccessData.InCountry, d.InCommunity, returnDate: "2026-01-10")), Ok,
            d => new($"/api/v1/returnees/{d.OutCase}", Seed.Returnee(AccessData.OutCountry, d.OutCommunity, returnDate: "2026-01-10")),
            Forbidden),
        ["PUT /api/v1/returnees/{caseId}/surveys/{surveyId}"] = new(Cases,
            d => new($"/api/v1/returnees/{d.InCase}/surveys/s1", Survey), Ok,
            d => new($"/api/v1/returnees/{d.OutCase}/surveys/s1", Survey), NotFound),
        ["PUT /api/v1/returnees/{caseId}/assistance/{assistanceId}"] = new(Cases,
            d => new($"/api/v1/returnees/{d.InCase}/assistance/a1", Assistance), Ok,
            d => new($"/api/v1/returnees/{d.OutCase}/assistance/a1", Assistance), NotFound),
        ["PUT /api/v1/returnees/{caseId}/plan"] = new(Cases,
            d => new($"/api/v1/returnees/{d.InCase}/plan", Plan), Ok, d => new($"/api/v1/returnees/{d.OutCase}/plan", Plan), NotFound),
        ["PUT /api/v1/communities/{communityId}/assessments/{assessmentId}"] = new(Cases,
            d => new($"/api/v1/communities/{d.InCommunity}/assessments/ca1", CommunityAssessment), Ok,
            d => new($"/api/v1/communities/{d.OutCommunity}/assessments/ca1", CommunityAssessment), NotFound),
        ["PUT /api/v1/countries/{iso3}/assessments/{assessmentId}"] = new(Cases,
            _ => new($"/api/v1/countries/{AccessData.InCountry}/assessments/sa1", Structural), Ok,
            _ => new($"/api/v1/countries/{AccessData.OutCountry}/assessments/sa1", Structural), Forbidden),
        ["POST /api/v1/ingest"] = new(Cases,
            d => new("/api/v1/ingest", CommunityLine(d.InCommunity, AccessData.InCountry)), Ok,
            d => new("/api/v1/ingest", CommunityLine(d.OutCommunity, AccessData.OutCountry)), Ok), // the line is rejected, not the batch

        ["POST /api/v1/snapshots"] = new(Snapshots,
            _ => new("/api/v1/snapshots", new { scope = AccessData.InRegion }), Accepted,
            _ => new("/api/v1/snapshots", new { scope = AccessData.OutRegion }), Forbidden),
        ["GET /api/v1/snapshots"] = new(Snapshots, _ => new("/api/v1/snapshots"), Ok),
        ["GET /api/v1/snapshots/{id}/status"] = new(Snapshots,
            d => new($"/api/v1/snapshots/{d.InSnapshot}/status"), Ok, d => new($"/api/v1/snapshots/{d.OutSnapshot}/status"), NotFound),
        ["GET /api/v1/snapshots/{id}"] = new(Snapshots,
            d => new($"/api/v1/snapshots/{d.InSnapshot}?format=csv"), Ok,
            d => new($"/api/v1/snapshots/{d.OutSnapshot}?format=csv"), NotFound),
        ["GET /api/v1/snapshots/{a}/diff/{b}"] = new(Snapshots,
            d => new($"/api/v1/snapshots/{d.InSnapshot}/diff/{d.InSnapshot}"), Ok,
            d => new($"/api/v1/snapshots/{d.InSnapshot}/diff/{d.OutSnapshot}"), NotFound),
        // Deleting is tried on an id that does not exist, so that the matrix deletes nothing: admin gets 404, others 403.
        ["DELETE /api/v1/snapshots/{id}"] = new(Admin, _ => new("/api/v1/snapshots/no-such-snapshot"), NotFound),
    };

    private static readonly object Survey = Seed.Survey("2026-02-01", "baseline", Answers.Best("none"));
    private static readonly object Assistance = new { date = "2026-02-02", type = "cash", modality = "direct", amountUsd = 100 };
    private static readonly object Plan = new { eligible = "2026-01-20" };
    private static readonly object CommunityAssessment = new Dictionary<string, object>
    {
        ["date"] = "2026-02-03", ["population"] = 4000, ["cohesion"] = 3,
        ["services"] = new Dictionary<string, object>
        {
            ["health"] = 4, ["education"] = 3, ["water"] = 2, ["employment"] = 1, ["housing"] = 0, ["psychosocial"] = 2,
        },
    };
    private static readonly object Structural =
        new { date = "2026-02-04", items = new Dictionary<string, int> { ["national_policy"] = 2 } };

    private static string CommunityLine(string communityId, string country) =>
        $$"""{"kind":"community","communityId":"{{communityId}}","country":"{{country}}","name":"Test community"}""" + "\n";

    [Fact]
    public void Every_endpoint_of_the_service_has_a_row_and_every_row_an_endpoint()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Rows().Keys.Order(StringComparer.Ordinal), endpoints);
    }

    [Fact]
    public async Task Every_endpoint_answers_every_caller_as_SPEC_4_says()
    {
        var data = await AccessData.OfAsync(factory);
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var (key, row) in Rows())
        {
            var method = new HttpMethod(key.Split(' ')[0] == "*" ? "GET" : key.Split(' ')[0]);
            var callers = Everyone.Select(r => (Name: r, Key: (string?)TestCredentials.RoleKeys[r], Role: (string?)r))
                .Append(("nobody", null, null)).Append(("unknown key", "not-a-configured-key-0123456789abcdef", null));
            foreach (var caller in callers)
            {
                foreach (var inside in (bool[])[true, false])
                {
                    if (!inside && row.Outside is null) continue;
                    var target = inside ? row.Inside(data) : row.Outside!(data);
                    var expected = Expected(row, caller.Role, inside);
                    var response = await AccessData.SendAsync(factory, method, target.Path, target.Body, caller.Key);
                    checkedCount++;
                    if ((int)response.StatusCode != expected)
                        failures.Add($"{key} as {caller.Name} {(inside ? "inside" : "outside")} ({target.Path}): expected {expected}, " +
                                     $"got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }
        output.WriteLine($"{checkedCount} requests checked");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static int Expected(Row row, string? role, bool inside)
    {
        if (row.Open) return row.InsideStatus;
        if (role is null) return 401;
        if (!row.Allowed.Contains(role)) return Forbidden;
        var scoped = !Unscoped.Contains(role);
        if (row.WholeProgramme && scoped) return Forbidden;
        return inside || !scoped ? row.InsideStatus : row.OutsideStatus;
    }

    private static string Key(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
        return $"{(methods is { Count: > 0 } ? string.Join(",", methods) : "*")} {endpoint.RoutePattern.RawText?.TrimEnd('/')}";
    }
}
