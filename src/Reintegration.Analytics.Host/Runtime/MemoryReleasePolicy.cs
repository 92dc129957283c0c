namespace Reintegration.Analytics.Host.Runtime;

/// <summary>
/// When the service collects its whole heap itself (see <see cref="MemoryRelease"/>), in two cases:
/// <list type="bullet">
/// <item>Quiet after growth: it has allocated little for <see cref="QuietFor"/> and the GC has committed at least
/// <see cref="GrowthBytes"/> more than after the last collection. Both hold after a bulk import, once its returnee
/// activations have been collected.</item>
/// <item>Over the ceiling: the GC has committed more than <see cref="CeilingBytes"/> and half as much again as was live
/// after the last collection, and none ran for <see cref="BusyInterval"/>. During a large import the server GC lets collected
/// activations pile up in the oldest generation far beyond what is live.</item>
/// </list>
/// </summary>
public sealed record MemoryReleasePolicy(
    TimeSpan QuietFor, long QuietBytesPerCheck, long GrowthBytes, long CeilingBytes, TimeSpan BusyInterval)
{
    /// <summary>Quiet for twice the returnee idle time: their activations are collected by then.</summary>
    public static MemoryReleasePolicy For(TimeSpan returneeIdleTime, long ceilingBytes) =>
        new(returneeIdleTime * 2, QuietBytesPerCheck: 64L << 20, GrowthBytes: 256L << 20, ceilingBytes, TimeSpan.FromSeconds(30));

    /// <param name="quietFor">How long the allocations per check have stayed under <see cref="QuietBytesPerCheck"/>.</param>
    /// <param name="sinceLast">How long since the last collection of this policy.</param>
    /// <param name="committedBytes">What the GC has committed now.</param>
    /// <param name="liveAfterLast">What was live (and committed) right after the last collection, or at start.</param>
    public bool ShouldCollect(TimeSpan quietFor, TimeSpan sinceLast, long committedBytes, long liveAfterLast) =>
        (quietFor >= QuietFor && committedBytes - liveAfterLast >= GrowthBytes)
        || (CeilingBytes > 0 && sinceLast >= BusyInterval && committedBytes > CeilingBytes && committedBytes > liveAfterLast * 3 / 2);
}
