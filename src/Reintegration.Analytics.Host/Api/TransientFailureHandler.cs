using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Reintegration.Analytics.Grains;
using Reintegration.Analytics.Grains.Storage;

namespace Reintegration.Analytics.Host.Api;

/// <summary>
/// While the database is unreachable (or a silo of the cluster just died and its grains are moving)
/// a write cannot be made durable, so it is refused with 503 and <c>Retry-After</c> rather than
/// acknowledged; nothing was acknowledged that the client must undo, and a retry is safe (writes are idempotent).
/// </summary>
internal sealed class TransientFailureHandler(ILogger<TransientFailureHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsTransient(exception)) return false;
        logger.Failure(LogLevel.Warning, exception, "Request refused for now");
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
        await Results.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            type: "urn:reintegration-analytics:problem:storage-unavailable",
            title: "The service cannot make writes durable right now",
            detail: $"The request was not acknowledged and may not have been applied. Retry after {RetryAfterSeconds} seconds; writes are idempotent, so a retry is safe.").ExecuteAsync(http);
        return true;
    }

    public static bool IsTransient(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is StorageUnavailableException or DbException { IsTransient: true } or TimeoutException or System.Net.Sockets.SocketException
                    or Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException
                    or JournalConflictException // another activation of the case won; the next call rebuilds from the store
                || e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsTransient))
                return true;
        return false;
    }
}
