using System.Globalization;
using Reintegration.Analytics.Domain.Access;
using Reintegration.Analytics.Host.Auth;
using Reintegration.Analytics.Persistence.Audit;

namespace Reintegration.Analytics.Host.Api;

/// <summary>
/// <c>GET /audit</c> (admin): the audit log, oldest first, filtered by <c>from</c>/<c>to</c> (ISO 8601, <c>to</c> exclusive)
/// and <c>caller</c> (a key's or token's name), paged with <c>limit</c> and the <c>next</c> cursor of the previous page.
/// </summary>
internal static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/audit", async (HttpRequest request, AuditLog log, CancellationToken cancellation) =>
        {
            var (from, fromError) = Time(request, "from");
            if (fromError is not null) return fromError;
            var (to, toError) = Time(request, "to");
            if (toError is not null) return toError;

            var (limit, limitProblem) = PageLimit.Read(request);
            if (limitProblem is not null) return limitProblem;
            var cursorText = request.Query["cursor"].ToString();
            long after = 0;
            if (cursorText.Length > 0 && (!long.TryParse(cursorText, NumberStyles.None, CultureInfo.InvariantCulture, out after)))
                return Problems.Invalid("cursor", PageLimit.CursorProblem);
            var caller = request.Query["caller"].ToString();

            var entries = await log.ReadAsync(new AuditQuery(from, to, caller.Length > 0 ? caller : null, after, limit + 1), cancellation);
            var page = entries.Take(limit).ToList();
            return Results.Ok(new
            {
                entries = page,
                next = entries.Count > limit ? page[^1].Id.ToString(CultureInfo.InvariantCulture) : null,
            });
        }).RequireAccess(Permission.Administer);
    }

    private static (DateTimeOffset? Time, IResult? Problem) Time(HttpRequest request, string field)
    {
        var text = request.Query[field].ToString();
        if (text.Length == 0) return (null, null);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? (time, null)
            : (null, Problems.Invalid(field, $"'{text}' is not an ISO 8601 time (e.g. 2026-11-27T10:00:00Z)"));
    }
}
