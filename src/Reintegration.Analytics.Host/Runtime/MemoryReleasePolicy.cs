namespace Reintegration.Analytics.Host.Runtime;

/// <summary>
/// When the service collects its whole heap itself (see <see cref="MemoryRelease"/>), in two cases:
/// <list type="bullet">
/// <item>Quiet after growth: it has allocated little for <see cref="QuietFor"/> and the GC has committed at least
/// <see cref="GrowthBytes"/> more than after the last collection. Both hold after a bulk import, once its returnee
/// activations have been collected.</item>
/// <item>Settled: quiet for <see cref="SettledAfter"/>, and no collection since it was. Idle communities have left memory
/// by then (their activations hold their members' contributions), without any growth of the heap to show it.</item>
/// <item>Over the ceiling: the GC has committed more than <see cref="CeilingBytes"/> and half as much again as was live
/// after the last collection, and none ran for <see cref="BusyInterval"/>. During a large import the server GC lets collected
/// activations pile up in the oldest generation far beyond what is live.</item>
/// </list>
/// </summary>
public sealed record MemoryReleasePolicy(
    TimeSpan QuietFor, long QuietBytesPerCheck, long GrowthBytes, long CeilingBytes, TimeSpan BusyInterval, TimeSpan SettledAfter)
{
    /// <summary>
    /// Quiet for twice the returnee idle time: their activations are collected by then (Orleans looks for idle ones every
    /// half of the shortest idle time, and a deadline waits for the next look). Settled after the community idle time and
    /// twice the returnee idle time: room for a community called last just after the quiet began, the look after its
    /// deadline, and its deactivation.
    /// </summary>
    public static MemoryReleasePolicy For(TimeSpan returneeIdleTime, TimeSpan communityIdleTime, long ceilingBytes) =>
        new(returneeIdleTime * 2, QuietBytesPerCheck: 64L << 20, GrowthBytes: 256L << 20, ceilingBytes, TimeSpan.FromSeconds(30),
            SettledAfter: communityIdleTime + returneeIdleTime * 2);

    /// <param name="quietFor">How long the allocations per check have stayed under <see cref="QuietBytesPerCheck"/>.</param>
    /// <param name="sinceLast">How long since the last collection of this policy.</param>
    /// <param name="committedBytes">What the GC has committed now.</param>
    /// <param name="liveAfterLast">What was live (and committed) right after the last collection, or at start.</param>
    public bool ShouldCollect(TimeSpan quietFor, TimeSpan sinceLast, long committedBytes, long liveAfterLast) =>
        (quietFor >= QuietFor && committedBytes - liveAfterLast >= GrowthBytes)
        || (quietFor >= SettledAfter && quietFor - sinceLast < SettledAfter)
        || (CeilingBytes > 0 && sinceLast >= BusyInterval && committedBytes > CeilingBytes && committedBytes > liveAfterLast * 3 / 2);
}
