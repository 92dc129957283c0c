using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Reintegration.Analytics.Domain.Access;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Host.Api;
using Reintegration.Analytics.Host.Metrics;

namespace Reintegration.Analytics.Host.Auth;

/// <summary>
/// Applies each endpoint's <see cref="AccessRule"/> (SPEC §4): no credentials 401, a role without the permission 403,
/// a country or region route value outside the caller's scope 403. Runs after routing and authentication.
/// </summary>
public sealed class AccessControl(RequestDelegate next, RegionMap regions, IOptions<MetricsOptions> metrics)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var endpoint = http.GetEndpoint();
        if (endpoint is null)
        {
            await next(http); // no route: 404
            return;
        }
        // An endpoint without a rule cannot exist (checked at start); were one to slip through, only admins reach it.
        var rule = endpoint.Metadata.GetMetadata<AccessRule>() ?? new AccessRule(Permission.Administer);
        if (rule.Permission == Permission.Open || (rule.Permission == Permission.Scrape && metrics.Value.AllowAnonymous))
        {
            await next(http);
            return;
        }

        var refusal = await RefusalAsync(http, rule);
        if (refusal is not null) await refusal.ExecuteAsync(http);
        else await next(http);
    }

    private async Task<IResult?> RefusalAsync(HttpContext http, AccessRule rule)
    {
        var caller = http.Caller();
        if (caller is null)
        {
            var failure = (await http.AuthenticateAsync()).Failure?.Message;
            return Problems.Unauthorized(failure ?? $"send an API key in {ApiKeys.Header} or a bearer token in Authorization");
        }
        if (!caller.Holds(rule.Permission))
            return Problems.Forbidden("role", $"role '{caller.Role}' may not {Describe(rule.Permission)}");

        var value = rule.RouteValue is null ? null : http.Request.RouteValues[rule.RouteValue] as string;
        return rule.Scope switch
        {
            RouteScope.Country when Countries.IsKnown(value) && !caller.Scope.CoversCountry(value!, regions) =>
                Problems.OutsideScope(rule.RouteValue!, value!, caller),
            RouteScope.Region when value is not null && regions.IsRegion(value) && !caller.Scope.CoversRegion(value) =>
                Problems.OutsideScope(rule.RouteValue!, value!, caller),
            RouteScope.Everything when !caller.Scope.Everything =>
                Problems.Forbidden("scope", $"the whole programme is for hq and admin; '{caller.Name}' reaches {caller.Scope}"),
            _ => null,
        };
    }

    private static string Describe(Permission permission) => permission switch
    {
        Permission.ReadReference => "read reference data",
        Permission.ReadAggregates => "read aggregates (viewer, analyst, hq and admin may)",
        Permission.ReadCases => "read case-level data (ingest and admin may)",
        Permission.Write => "write records (ingest and admin may)",
        Permission.Snapshots => "take or read snapshots (analyst, hq and admin may)",
        Permission.Administer => "do this (admin only)",
        Permission.Scrape => "read metrics (metrics and admin may)",
        _ => permission.ToString(),
    };
}
