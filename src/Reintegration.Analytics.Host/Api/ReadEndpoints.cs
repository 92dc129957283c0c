using Microsoft.Extensions.Options;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Domain.Validation;
using Reintegration.Analytics.Domain.Access;
using Reintegration.Analytics.Grains;
using Reintegration.Analytics.Host.Auth;

namespace Reintegration.Analytics.Host.Api;

/// <summary>The aggregate reads of SPEC §3.1.</summary>
internal static class ReadEndpoints
{
    public static void MapReadEndpoints(this IEndpointRouteBuilder api)
    {
        // A case or community outside the caller's scope is answered exactly as an unknown one (SPEC §4).
        api.MapGet("/returnees/{caseId}", async (
            string caseId, HttpContext http, IGrainFactory grains, TimeProvider clock, RegionMap regions) =>
        {
            if (!Identifiers.IsCaseId(caseId)) return Problems.Invalid("caseId", $"'{caseId}' is not valid: {Identifiers.CaseIdRule}");
            return await grains.Returnee(caseId).Get(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)) is { } view
                   && http.RequiredCaller().Scope.CoversCountry(view.Profile.Country, regions)
                ? Results.Ok(view)
                : Problems.NotFound("caseId", $"returnee '{caseId}' is not registered");
        }).RequireAccess(Permission.ReadCases);

        api.MapGet("/communities/{communityId}", async (
            string communityId, HttpContext http, IGrainFactory grains, AggregateReader reader, RegionMap regions) =>
        {
            if (!Identifiers.IsCommunityId(communityId))
                return Problems.Invalid("communityId", $"'{communityId}' is not valid: {Identifiers.CommunityIdRule}");
            var scope = http.RequiredCaller().Scope;
            return await LiveCommunity(grains, communityId, reader.Today, country => scope.CoversCountry(country, regions)) is { } report
                ? Results.Ok(reader.Community(report))
                : Problems.NotFound("communityId", $"community '{communityId}' is not registered");
        }).RequireAccess(Permission.ReadAggregates);

        api.MapGet("/countries/{iso3}", async (string iso3, IGrainFactory grains, AggregateReader reader) =>
            Countries.IsKnown(iso3)
                ? Results.Ok(reader.Country(await WhenComplete(
                    async () => (await grains.LiveTable().GetCountries([iso3], reader.Today)).Single(), r => r.Report.Pending)))
                : InvalidCountry("iso3", iso3))
            .RequireAccess(Permission.ReadAggregates, RouteScope.Country, "iso3");

        api.MapGet("/countries/{iso3}/communities", async (string iso3, IGrainFactory grains, AggregateReader reader) =>
        {
            if (!Countries.IsKnown(iso3)) return InvalidCountry("iso3", iso3);
            var table = grains.LiveTable();
            await WhenComplete(async () => (await table.GetCountries([iso3], reader.Today)).Single(), r => r.Report.Pending);
            var communities = await table.GetCommunities(iso3, reader.Today);
            return Results.Ok(new { country = iso3, communities = communities.Select(reader.Community).ToList() });
        }).RequireAccess(Permission.ReadAggregates, RouteScope.Country, "iso3");

        api.MapGet("/regions/{region}", async (string region, IGrainFactory grains, AggregateReader reader, RegionMap regions) =>
            regions.IsRegion(region)
                ? Results.Ok(reader.Region(
                    await WhenComplete(() => grains.LiveTable().GetRegion(region, reader.Today), r => r.Report.Pending)))
                : Problems.NotFound("region", $"'{region}' is not a region; regions are {string.Join(", ", regions.Regions)}"))
            .RequireAccess(Permission.ReadAggregates, RouteScope.Region, "region");

        api.MapGet("/global", async (IGrainFactory grains, AggregateReader reader) =>
            Results.Ok(reader.Global(await WhenComplete(() => grains.LiveTable().GetGlobal(reader.Today), r => r.Report.Pending))))
            .RequireAccess(Permission.ReadAggregates, RouteScope.Everything);

        api.MapGet("/compare", async (HttpContext http, IGrainFactory grains, AggregateReader reader, RegionMap regions) =>
        {
            var request = http.Request;
            var caller = http.RequiredCaller();
            var scope = caller.Scope;
            var by = request.Query["by"].ToString();
            if (by.Length > 0 && !CountryComparison.Groupings.Contains(by))
                return Problems.Invalid("by", $"'{by}' is not one of {string.Join(", ", CountryComparison.Groupings)}");

            var requested = request.Query["countries"].ToString();
            List<string> countries;
            if (requested.Length == 0)
            {
                // Without a choice, the countries with data that the caller reaches (all of them for hq and admin).
                var global = await WhenComplete(() => grains.LiveTable().GetGlobal(reader.Today), r => r.Report.Pending);
                countries = [.. global.Report.Countries.Where(c => scope.CoversCountry(c, regions))];
            }
            else
            {
                countries = requested.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
                var invalid = countries.Where(c => !Countries.IsKnown(c)).ToList();
                if (invalid.Count > 0)
                    return Problems.Invalid("countries", $"not ISO 3166-1 alpha-3 codes (or XKX) in upper case: {string.Join(", ", invalid)}");
                var outside = countries.Where(c => !scope.CoversCountry(c, regions)).ToList();
                if (outside.Count > 0)
                    return Problems.OutsideScope("countries", string.Join(",", outside), caller);
            }

            var reports = await WhenComplete(() => grains.LiveTable().GetCountries(countries, reader.Today),
                r => r.Sum(c => c.Report.Pending));
            return Results.Ok(reader.Compare(reports, by.Length == 0 ? null : by));
        }).RequireAccess(Permission.ReadAggregates);
    }

    /// <summary>
    /// A community as the live table shows it, null when it is not registered or outside the caller's scope (answered alike).
    /// One registered a moment ago is in the table once its country has reported it and the table has been protected again
    /// (well under a second): the read waits for that, as for a rebuilding unit, and is refused for now (503) if it does not.
    /// </summary>
    private static async Task<ProtectedReport<CommunityReport>?> LiveCommunity(
        IGrainFactory grains, string communityId, DateOnly today, Func<string, bool> inScope)
    {
        var table = grains.LiveTable();
        if (await table.GetCommunity(communityId, today) is { } known) return inScope(known.Report.Profile.Country) ? known : null;
        if (await grains.Community(communityId).GetReport() is not { } registered || !inScope(registered.Profile.Country)) return null;
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (started.Elapsed < RecoveryWait)
        {
            await Task.Delay(50);
            if (await table.GetCommunity(communityId, today) is { } report) return report;
        }
        throw new TimeoutException($"community '{communityId}' is registered but not in the live table yet");
    }

    /// <summary>How long a read waits for a unit that is still being rebuilt after a restart or failover.</summary>
    private static readonly TimeSpan RecoveryWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Right after a restart a country, region or the globe is rebuilt from the units below it;
    /// wait (bounded) until none is pending so a read does not show a half-filled aggregate. If the
    /// wait runs out the document says <c>complete: false</c>.
    /// </summary>
    internal static async Task<T> WhenComplete<T>(Func<Task<T>> read, Func<T, int> pending)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var report = await read();
        while (pending(report) > 0 && started.Elapsed < RecoveryWait)
        {
            await Task.Delay(50);
            report = await read();
        }
        return report;
    }

    internal static IResult InvalidCountry(string field, string value) =>
        Problems.Invalid(field, $"'{value}' is not an ISO 3166-1 alpha-3 country code (or XKX) in upper case (e.g. SEN)");
}
