using System.Diagnostics;
using Orleans;
using Orleans.Runtime;

namespace Reintegration.Analytics.Grains.Aggregation;

/// <summary>
/// Coalesces an aggregating grain's changes into reports to its parent, at most one per
/// <see cref="AggregationOptions.PushDelay"/>: a change after a quiet period is reported almost at
/// once (after <see cref="GatherDelay"/>, which gathers a burst), later changes wait for the
/// delay since the previous report and ride along in one report. This bounds the traffic each
/// parent receives however many writes its children take, without delaying isolated updates.
/// </summary>
internal sealed class PushScheduler(IGrainBase grain, TimeSpan delay, Func<Task> push)
{
    /// <summary>Even the first report after a quiet period waits this long, so a burst of writes becomes one report.</summary>
    public static readonly TimeSpan GatherDelay = TimeSpan.FromMilliseconds(10);

    private IGrainTimer? _timer;
    private long _lastPush = Stopwatch.GetTimestamp() - delay.Ticks * 2;

    public void Schedule()
    {
        if (_timer is not null) return;
        var sinceLastPush = Stopwatch.GetElapsedTime(_lastPush);
        var due = delay - sinceLastPush;
        _timer = grain.RegisterGrainTimer(FireAsync, new GrainTimerCreationOptions
        {
            DueTime = due > GatherDelay ? due : GatherDelay,
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
        _lastPush = Stopwatch.GetTimestamp();
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
