using Orleans;
using Orleans.Runtime;

namespace Reintegration.Analytics.Grains.Aggregation;

/// <summary>
/// Coalesces an aggregating grain's changes into one report to its parent per <see cref="AggregationOptions.PushDelay"/>:
/// the first change arms a one-shot grain timer; later changes ride along. This bounds the traffic
/// each parent receives no matter how many writes its children take.
/// </summary>
internal sealed class PushScheduler(IGrainBase grain, TimeSpan delay, Func<Task> push)
{
    private IGrainTimer? _timer;

    public bool IsPending => _timer is not null;

    public void Schedule()
    {
        _timer ??= grain.RegisterGrainTimer(FireAsync, new GrainTimerCreationOptions
        {
            DueTime = delay,
            Period = Timeout.InfiniteTimeSpan,
            KeepAlive = true,
        });
    }

    /// <summary>Pushes now if a push is pending (used before deactivation).</summary>
    public async Task FlushAsync()
    {
        if (_timer is null) return;
        await FireAsync();
    }

    private async Task FireAsync()
    {
        _timer?.Dispose();
        _timer = null;
        try
        {
            await push();
        }
        catch
        {
            // The parent was unreachable: try again later rather than lose the change.
            Schedule();
            throw;
        }
    }
}
