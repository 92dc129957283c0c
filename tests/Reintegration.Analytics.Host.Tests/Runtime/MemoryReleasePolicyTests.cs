using Reintegration.Analytics.Host.Runtime;

namespace Reintegration.Analytics.Host.Tests.Runtime;

public sealed class MemoryReleasePolicyTests
{
    private const long MiB = 1 << 20;
    private static readonly MemoryReleasePolicy Policy = MemoryReleasePolicy.For(TimeSpan.FromSeconds(10), ceilingBytes: 2048 * MiB);

    [Fact]
    public void Waits_until_collected_returnee_activations_can_be_freed() =>
        Assert.Equal(TimeSpan.FromSeconds(20), Policy.QuietFor);

    [Theory]
    [InlineData(20, 1_500, 500, true)] // quiet long enough after growing by 1,000 MiB
    [InlineData(19, 1_500, 500, false)] // not quiet long enough: returnee activations may still be collected
    [InlineData(600, 755, 500, false)] // quiet, but grown by less than 256 MiB since the last collection
    [InlineData(600, 756, 500, true)]
    [InlineData(0, 2_000, 500, false)] // busy, under the ceiling
    public void Collects_once_quiet_after_growth(int quietSeconds, long committedMiB, long liveMiB, bool collect) =>
        Assert.Equal(collect, Policy.ShouldCollect(TimeSpan.FromSeconds(quietSeconds), TimeSpan.FromMinutes(5), committedMiB * MiB,
            liveMiB * MiB));

    [Theory]
    [InlineData(30, 2_049, 1_000, true)] // busy, over the ceiling and over 1.5 times what was live
    [InlineData(29, 2_049, 1_000, false)] // collected less than 30 s ago
    [InlineData(30, 2_048, 500, false)] // at the ceiling, not over
    [InlineData(30, 2_250, 1_500, false)] // over the ceiling, but mostly live: collecting again would free little
    [InlineData(30, 2_251, 1_500, true)]
    [InlineData(3_600, 20_000, 1_000, false, 0)] // the ceiling turned off
    public void Collects_a_busy_heap_over_the_ceiling(
        int sinceLastSeconds, long committedMiB, long liveMiB, bool collect, long ceilingMiB = 2048) =>
        Assert.Equal(collect, MemoryReleasePolicy.For(TimeSpan.FromSeconds(10), ceilingMiB * MiB)
            .ShouldCollect(TimeSpan.Zero, TimeSpan.FromSeconds(sinceLastSeconds), committedMiB * MiB, liveMiB * MiB));
}
