using Reintegration.Analytics.Domain.Access;
using Reintegration.Analytics.Domain.Indicators;
using Reintegration.Analytics.Host.Auth;

namespace Reintegration.Analytics.Host.Api;

/// <summary><c>GET /indicators</c>: the codebook of indicator codes used by snapshots and exports (SPEC §3.1).</summary>
internal static class IndicatorEndpoints
{
    public static void MapIndicatorEndpoints(this IEndpointRouteBuilder api) =>
        api.MapGet("/indicators", () => Results.Ok(new { indicators = IndicatorCodebook.All })).RequireAccess(Permission.ReadReference);
}
