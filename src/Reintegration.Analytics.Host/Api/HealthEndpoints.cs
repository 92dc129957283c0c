using Reintegration.Analytics.Domain.Access;
using Reintegration.Analytics.Host.Auth;
using Reintegration.Analytics.Persistence;

namespace Reintegration.Analytics.Host.Api;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: it can also take writes, i.e.
/// the database answers; load balancers should send writes elsewhere while it does not.
/// </summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" })).RequireAccess(Permission.Open);

        // What the journal committed since start: records, transactions (batches) and SQL statements.
        app.MapGet("/diagnostics/journal", (Persistence.Journal.ReturneeJournal journal) =>
            Results.Ok(new { journal.Statistics.Records, journal.Statistics.Batches, journal.Statistics.Statements, journal.Committers }))
            .RequireAccess(Permission.Scrape);
        app.MapGet("/health/ready", async (StorageOptions storage, CancellationToken cancellationToken) =>
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(2));
                await using var connection = storage.Backend.CreateConnection(storage.ConnectionString);
                await connection.OpenAsync(timeout.Token);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT 1";
                await command.ExecuteScalarAsync(timeout.Token);
                return Results.Ok(new { status = "ready" });
            }
            catch (Exception e) when (e is OperationCanceledException || TransientFailureHandler.IsTransient(e))
            {
                return Results.Json(new { status = "not ready", reason = "the database does not answer" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).RequireAccess(Permission.Open);
    }
}
