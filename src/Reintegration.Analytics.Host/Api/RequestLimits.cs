using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;
using Reintegration.Analytics.Domain.Access;
using Reintegration.Analytics.Host.Auth;

namespace Reintegration.Analytics.Host.Api;

/// <summary>
/// Limits against hostile or runaway clients (all in section <c>Api</c>, see <see cref="ApiOptions"/>): header size,
/// a token bucket per caller (429 with <c>Retry-After</c>), and request timeouts (504), longer for bulk endpoints. Body
/// sizes, NDJSON line length and JSON depth are checked where bodies are read.
/// </summary>
internal static class RequestLimits
{
    public const string BulkPolicy = "bulk";

    public static void AddRequestLimits(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestHeadersTotalSize = options.MaxHeaderBytes);

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (http.GetEndpoint()?.Metadata.GetMetadata<AccessRule>()?.Permission == Permission.Open)
                    return RateLimitPartition.GetNoLimiter("open"); // health probes
                var partition = http.Caller() is { } caller ? $"caller:{caller.Name}" : $"address:{http.Connection.RemoteIpAddress}";
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.RequestBurst,
                    TokensPerPeriod = options.RequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (context, cancellation) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Problems.TooManyRequests(options.RequestsPerSecond, seconds).ExecuteAsync(context.HttpContext);
            };
        });

        builder.Services.AddRequestTimeouts(timeouts =>
        {
            timeouts.DefaultPolicy = Policy(options.RequestTimeout);
            timeouts.AddPolicy(BulkPolicy, Policy(options.BulkRequestTimeout));
        });
    }

    public static void UseRequestLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        app.UseRequestTimeouts();
    }

    private static RequestTimeoutPolicy Policy(TimeSpan timeout) => new()
    {
        Timeout = timeout,
        TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
        WriteTimeoutResponse = http => Problems.TimedOut(timeout).ExecuteAsync(http),
    };
}
