using Polly;
using Reintegration.Analytics.Grains;
using Reintegration.Analytics.Grains.Storage;
using Reintegration.Analytics.Host.Ingest;

namespace Reintegration.Analytics.Host.Tests;

public sealed class IngestRetryTests
{
    private static readonly ResiliencePipeline Retry = IngestRetry.Create(TimeSpan.FromMilliseconds(1));

    [Fact]
    public async Task A_line_that_fails_transiently_is_applied_on_a_later_attempt()
    {
        var calls = 0;
        var result = await Retry.ExecuteAsync(_ =>
        {
            if (++calls < 3) throw new StorageUnavailableException("the journal could not be written");
            return ValueTask.FromResult(WriteResult.Applied);
        });

        Assert.Equal(WriteStatus.Applied, result.Status);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task A_line_that_keeps_failing_transiently_is_given_up_after_four_attempts()
    {
        var calls = 0;
        await Assert.ThrowsAsync<TimeoutException>(async () => await Retry.ExecuteAsync<WriteResult>(_ =>
        {
            calls++;
            throw new TimeoutException("the database does not answer");
        }));
        Assert.Equal(4, calls);
    }

    [Fact]
    public async Task A_programming_error_is_not_retried()
    {
        var calls = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await Retry.ExecuteAsync<WriteResult>(_ =>
        {
            calls++;
            throw new InvalidOperationException("a bug, not a hiccup");
        }));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_rejected_record_is_not_retried()
    {
        var calls = 0;
        var result = await Retry.ExecuteAsync(_ =>
        {
            calls++;
            return ValueTask.FromResult(WriteResult.Invalid("communityId", "not registered"));
        });
        Assert.Equal(WriteStatus.Invalid, result.Status);
        Assert.Equal(1, calls);
    }
}
