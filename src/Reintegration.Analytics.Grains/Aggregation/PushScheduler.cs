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
/// It also remembers since when the oldest unreported change waits (see <see cref="AggregateFreshness"/>)
/// and hands that time to the push, which puts it in the report.
/// </summary>
internal sealed class PushScheduler(IGrainBase grain, TimeSpan delay, Func<DateTimeOffset?, Task> push, AggregateFreshness freshness)
{
    /// <summary>Even the first report after a quiet period waits this long, so a burst of writes becomes one report.</summary>
    public static readonly TimeSpan GatherDelay = TimeSpan.FromMilliseconds(10);

    private IGrainTimer? _timer;
    private long _lastPush = Stopwatch.GetTimestamp() - delay.Ticks * 2;
    private DateTimeOffset? _pendingSince;

    /// <summary>Schedules a report for a change made at <paramref name="changedAt"/> (now when not given).</summary>
    public void Schedule(DateTimeOffset? changedAt = null)
    {
        var since = changedAt ?? freshness.Now;
        if (_pendingSince is null || since < _pendingSince)
        {
            _pendingSince = since;
            freshness.Pending(this, since);
        }
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

    /// <summary>Pushes now if a push is pending, and stops (at deactivation: an activation that is gone waits for nothing).</summary>
    public async Task FlushAsync()
    {
        try
        {
            if (_timer is not null) await FireAsync();
        }
        finally
        {
            _timer?.Dispose();
            _timer = null;
            freshness.Done(this);
        }
    }

    private async Task FireAsync()
    {
        _timer?.Dispose();
        _timer = null;
        _lastPush = Stopwatch.GetTimestamp();
        var since = _pendingSince;
        _pendingSince = null;
        try
        {
            await push(since);
            // Still counted as waiting until the parent has it; a change made meanwhile has registered itself.
            if (_pendingSince is null) freshness.Done(this);
        }
        catch
        {
            // The parent was unreachable: try again later rather than lose the change.
            Schedule(since);
            throw;
        }
    }
}
