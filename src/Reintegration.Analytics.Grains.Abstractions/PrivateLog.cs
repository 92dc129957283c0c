using Microsoft.Extensions.Logging;

namespace Reintegration.Analytics.Grains;

/// <summary>
/// Logs a failure without the ids it may carry. Messages of storage and Orleans runtime exceptions can name a grain
/// (<c>returnee:{caseId}</c>), and case ids belong in logs at debug level only (SPEC §4): the line at the given level says
/// what failed and the exception's type, a debug line carries the whole exception.
/// </summary>
public static class PrivateLog
{
    public static void Failure(this ILogger logger, LogLevel level, Exception exception, string message, params object?[] arguments)
    {
        if (logger.IsEnabled(level)) logger.Log(level, message + " ({ExceptionType})", [.. arguments, exception.GetType().Name]);
        logger.LogDebug(exception, message, arguments);
    }
}
