using Microsoft.Extensions.Options;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Domain.Validation;
using Reintegration.Analytics.Grains;

namespace Reintegration.Analytics.Host.Api;

/// <summary>The aggregate reads of SPEC §3.1.</summary>
internal static class ReadEndpoints
{
    public static void MapReadEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/returnees/{caseId}", async (string caseId, IGrainFactory grains) =>
        {
            if (!Identifiers.IsCaseId(caseId)) return Problems.Invalid("caseId", $"'{caseId}' is not valid: {Identifiers.CaseIdRule}");
            return await grains.Returnee(caseId).Get() is { } view
                ? Results.Ok(view)
                : Problems.NotFound("caseId", $"returnee '{caseId}' is not registered");
        });

        api.MapGet("/communities/{communityId}", async (string communityId, IGrainFactory grains, AggregateReader reader) =>
        {
            if (!Identifiers.IsCommunityId(communityId))
                return Problems.Invalid("communityId", $"'{communityId}' is not valid: {Identifiers.CommunityIdRule}");
            return await grains.Community(communityId).GetReport() is { } report
                ? Results.Ok(reader.Community(report))
                : Problems.NotFound("communityId", $"community '{communityId}' is not registered");
        });

        api.MapGet("/countries/{iso3}", async (string iso3, IGrainFactory grains, AggregateReader reader) =>
            Countries.IsIso3(iso3)
                ? Results.Ok(reader.Country(await grains.Country(iso3).GetReport()))
                : InvalidCountry("iso3", iso3));

        api.MapGet("/countries/{iso3}/communities", async (string iso3, IGrainFactory grains, AggregateReader reader) =>
        {
            if (!Countries.IsIso3(iso3)) return InvalidCountry("iso3", iso3);
            var communities = await grains.Country(iso3).GetCommunities();
            return Results.Ok(new { country = iso3, communities = communities.Select(reader.Community).ToList() });
        });

        api.MapGet("/regions/{region}", async (string region, IGrainFactory grains, AggregateReader reader, RegionMap regions) =>
            regions.IsRegion(region)
                ? Results.Ok(reader.Region(await grains.Region(region).GetReport()))
                : Problems.NotFound("region", $"'{region}' is not a region; regions are {string.Join(", ", regions.Regions)}"));

        api.MapGet("/global", async (IGrainFactory grains, AggregateReader reader) =>
            Results.Ok(reader.Global(await grains.Global().GetReport())));

        api.MapGet("/compare", async (HttpRequest request, IGrainFactory grains, AggregateReader reader) =>
        {
            var by = request.Query["by"].ToString();
            if (by.Length > 0 && !CountryComparison.Groupings.Contains(by))
                return Problems.Invalid("by", $"'{by}' is not one of {string.Join(", ", CountryComparison.Groupings)}");

            var requested = request.Query["countries"].ToString();
            List<string> countries;
            if (requested.Length == 0)
            {
                countries = [.. (await grains.Global().GetReport()).Countries];
            }
            else
            {
                countries = requested.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
                var invalid = countries.Where(c => !Countries.IsIso3(c)).ToList();
                if (invalid.Count > 0)
                    return Problems.Invalid("countries", $"not ISO 3166-1 alpha-3 codes in upper case: {string.Join(", ", invalid)}");
            }

            var reports = await Task.WhenAll(countries.Select(c => grains.Country(c).GetReport()));
            return Results.Ok(reader.Compare(reports, by.Length == 0 ? null : by));
        });
    }

    private static IResult InvalidCountry(string field, string value) =>
        Problems.Invalid(field, $"'{value}' is not an ISO 3166-1 alpha-3 country code in upper case (e.g. SEN)");
}
