using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Reintegration.Analytics.Grains.Storage;

namespace Reintegration.Analytics.Host.Api;

/// <summary>
/// While the database is unreachable a write cannot be made durable, so it is refused with
/// 503 and <c>Retry-After</c> rather than acknowledged; nothing was applied that the client must undo.
/// </summary>
internal sealed class StorageOutageHandler(ILogger<StorageOutageHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsStorageOutage(exception)) return false;
        logger.LogWarning("Storage unavailable: {Message}", exception.Message);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
        await Results.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            type: "urn:reintegration-analytics:problem:storage-unavailable",
            title: "The database is unavailable",
            detail: $"The request was not applied. Retry after {RetryAfterSeconds} seconds.").ExecuteAsync(http);
        return true;
    }

    public static bool IsStorageOutage(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is StorageUnavailableException or DbException or TimeoutException or System.Net.Sockets.SocketException
                || e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsStorageOutage))
                return true;
        return false;
    }
}
