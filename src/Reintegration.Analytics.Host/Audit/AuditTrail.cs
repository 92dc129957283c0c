using Reintegration.Analytics.Grains;
using Reintegration.Analytics.Host.Auth;
using Reintegration.Analytics.Persistence.Audit;

namespace Reintegration.Analytics.Host.Audit;

/// <summary>Endpoint metadata: requests to this endpoint are written to the audit log under <see cref="Action"/>.</summary>
public sealed record AuditedAction(string Action);

/// <summary>
/// Writes one audit row for every request to an audited endpoint (writes, ingest batches, snapshots, downloads and
/// deletions) by an identified caller, refusals included. The row is committed before the response starts, so a client
/// never holds an acknowledgment that the log lacks; if the log cannot be written a success is not answered (the connection
/// is dropped and the client sends again: writes are idempotent), while a refusal or failure still is. Requests without
/// valid credentials are not logged: they would let anyone fill the table.
/// </summary>
public sealed class AuditTrail(RequestDelegate next, AuditLog log, TimeProvider clock, ILogger<AuditTrail> logger)
{
    private const string TargetKey = "audit.target";
    private const string DetailsKey = "audit.details";

    public Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<AuditedAction>() is { } audited)
        {
            // Read now: the exception handler clears the route values before a 503 or 500 starts.
            var routeTarget = string.Join(" ", http.Request.RouteValues.Where(v => v.Value is string)
                .OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"));
            http.Response.OnStarting(() => RecordAsync(http, audited.Action, routeTarget));
        }
        return next(http);
    }

    private async Task RecordAsync(HttpContext http, string action, string routeTarget)
    {
        if (http.Caller() is not { } caller) return;
        var target = http.Items[TargetKey] as string ?? routeTarget;
        var entry = new AuditEntry(0, clock.GetUtcNow(), caller.Name, caller.Role, action, target, http.Response.StatusCode,
            http.Items[DetailsKey] as string);
        try
        {
            await log.AppendAsync(entry);
        }
        catch (Exception e) when (http.Response.StatusCode is >= 200 and < 300)
        {
            // A success must not be acknowledged unlogged: the client sees no answer and sends again (idempotent).
            logger.Failure(LogLevel.Error, e,
                "The audit log could not be written; {Action} by {Caller} is answered by closing the connection",
                action, caller.Name);
            http.Abort();
        }
        catch (Exception e)
        {
            // A refusal or failure acknowledged nothing (e.g. a 503 while the database is down, which is also why the log failed).
            logger.Failure(LogLevel.Warning, e, "The audit log could not be written; {Action} by {Caller} answered {Status} unlogged",
                action, caller.Name, http.Response.StatusCode);
        }
    }

    /// <summary>Names what the request was about when the route does not (e.g. the id of a new snapshot).</summary>
    public static void Target(HttpContext http, string target) => http.Items[TargetKey] = target;

    /// <summary>Adds what happened (e.g. an ingest batch's counts, a download's format).</summary>
    public static void Details(HttpContext http, string details) => http.Items[DetailsKey] = details;
}

public static class AuditedEndpoints
{
    public static TBuilder Audited<TBuilder>(this TBuilder builder, string action) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AuditedAction(action));
}
