using System.Collections.Concurrent;

namespace Reintegration.Analytics.Grains.Aggregation;

/// <summary>
/// How long the oldest acknowledged change has been waiting to reach the live table (what users see), as far as this
/// silo knows: each community and country with a pending report, and the live table with countries to read again,
/// registers since when it holds a change not passed on, and reports carry that time upward, so a country's wait
/// starts with its community's.
/// Published as <c>reintegration_aggregate_freshness_seconds</c> (dashboards take the max over silos).
/// </summary>
public sealed class AggregateFreshness(TimeProvider clock)
{
    private readonly ConcurrentDictionary<object, DateTimeOffset> _pendingSince = new(ReferenceEqualityComparer.Instance);

    public DateTimeOffset Now => clock.GetUtcNow();

    public TimeSpan OldestWait
    {
        get
        {
            var now = clock.GetUtcNow();
            var oldest = _pendingSince.Values.DefaultIfEmpty(now).Min();
            return oldest < now ? now - oldest : TimeSpan.Zero;
        }
    }

    internal void Pending(object scheduler, DateTimeOffset since) => _pendingSince[scheduler] = since;

    internal void Done(object scheduler) => _pendingSince.TryRemove(scheduler, out _);
}
