using Reintegration.Analytics.Domain.FollowUp;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Domain.Vocabulary;
using Reintegration.Analytics.Domain.Access;
using Reintegration.Analytics.Grains;
using Reintegration.Analytics.Host.Auth;

namespace Reintegration.Analytics.Host.Api;

/// <summary>
/// Case lists for case workers (SPEC §3.1 <c>GET /countries/{iso3}/followup</c>): the cases of a country
/// that are open, overdue or missed today, most urgent first, paged. Answered by the country's community
/// grains from the contributions they hold, so no returnee grain is activated.
/// </summary>
internal static class FollowUpEndpoints
{
    public static void MapFollowUpEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/countries/{iso3}/followup", async (string iso3, HttpRequest request, IGrainFactory grains, TimeProvider clock) =>
        {
            if (!Countries.IsKnown(iso3)) return ReadEndpoints.InvalidCountry("iso3", iso3);

            var status = request.Query["status"].ToString();
            if (!FollowUpStatus.Actionable.Contains(status))
                return Problems.Invalid("status", $"'{status}' is not one of {string.Join(", ", FollowUpStatus.Actionable)}");

            var (limit, limitProblem) = PageLimit.Read(request);
            if (limitProblem is not null) return limitProblem;

            var cursorText = request.Query["cursor"].ToString();
            FollowUpCursor? after = null;
            if (cursorText.Length > 0 && (after = FollowUpCursor.Decode(cursorText)) is null)
                return Problems.Invalid("cursor", PageLimit.CursorProblem);

            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var country = grains.Country(iso3);
            // Right after a restart the country may still wait for communities; the list then says it is incomplete.
            var report = await ReadEndpoints.WhenComplete(country.GetReport, r => r.Pending);
            var communityIds = await country.GetCommunityIds();
            var pages = await Task.WhenAll(
                communityIds.Select(id => grains.Community(id).GetFollowUpCases(status, today, after, limit + 1)));
            var page = FollowUpCaseList.Merge(pages, limit);
            return Results.Ok(new
            {
                country = iso3, status, asOf = today, complete = report.Pending == 0, cases = page.Cases, next = page.Next?.Encode(),
            });
        }).RequireAccess(Permission.ReadCases, RouteScope.Country, "iso3");
    }
}
