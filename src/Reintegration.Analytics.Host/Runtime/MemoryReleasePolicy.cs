namespace Reintegration.Analytics.Host.Runtime;

/// <summary>
/// When the service gives memory back to the operating system (see <see cref="IdleMemoryRelease"/>): once it has been
/// quiet (allocating little) for <see cref="QuietFor"/> and the GC has committed at least <see cref="GrowthBytes"/> more
/// than after the last release. Both hold after a bulk import, once its returnee activations have been collected.
/// </summary>
public sealed record MemoryReleasePolicy(TimeSpan QuietFor, long QuietBytesPerCheck, long GrowthBytes)
{
    /// <summary>Quiet for twice the returnee idle time: their activations are collected by then.</summary>
    public static MemoryReleasePolicy For(TimeSpan returneeIdleTime) =>
        new(returneeIdleTime * 2, QuietBytesPerCheck: 64L << 20, GrowthBytes: 256L << 20);

    /// <param name="quietFor">How long the allocations per check have stayed under <see cref="QuietBytesPerCheck"/>.</param>
    /// <param name="committedBytes">What the GC has committed now.</param>
    /// <param name="committedAfterLastRelease">What it had committed right after the last release (or at start).</param>
    public bool ShouldRelease(TimeSpan quietFor, long committedBytes, long committedAfterLastRelease) =>
        quietFor >= QuietFor && committedBytes - committedAfterLastRelease >= GrowthBytes;
}
