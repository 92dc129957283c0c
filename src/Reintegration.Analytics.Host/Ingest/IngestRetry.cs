using Polly;
using Polly.Retry;
using Reintegration.Analytics.Host.Api;

namespace Reintegration.Analytics.Host.Ingest;

/// <summary>
/// A bulk import should not hand back lines that failed only because the database or a silo
/// hiccupped for a moment: such a line is tried again a few times (writes are idempotent, so a line
/// whose first attempt did commit answers "unchanged") and reported only if it still fails.
/// A single-record PUT is not retried here: it answers 503 with Retry-After and the client retries.
/// </summary>
public static class IngestRetry
{
    public static ResiliencePipeline Create(TimeSpan firstDelay, int attempts = 4) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientFailureHandler.IsTransient),
                MaxRetryAttempts = attempts - 1,
                Delay = firstDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();

    /// <summary>About 0.2 + 0.4 + 0.8 s of waiting before a line is reported.</summary>
    public static ResiliencePipeline Default { get; } = Create(TimeSpan.FromMilliseconds(200));
}
