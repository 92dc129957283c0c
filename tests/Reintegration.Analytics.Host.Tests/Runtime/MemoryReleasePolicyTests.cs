using Reintegration.Analytics.Host.Runtime;

namespace Reintegration.Analytics.Host.Tests.Runtime;

public sealed class MemoryReleasePolicyTests
{
    private static readonly MemoryReleasePolicy Policy = MemoryReleasePolicy.For(returneeIdleTime: TimeSpan.FromSeconds(30));
    private const long MiB = 1 << 20;

    [Fact]
    public void Waits_until_collected_returnee_activations_can_be_freed() =>
        Assert.Equal(TimeSpan.FromMinutes(1), Policy.QuietFor);

    [Theory]
    [InlineData(60, 1_500, 500, true)] // quiet long enough after growing by 1,000 MiB
    [InlineData(59, 1_500, 500, false)] // not quiet long enough: returnee activations may still be collected
    [InlineData(600, 755, 500, false)] // quiet, but grown by less than 256 MiB since the last release
    [InlineData(600, 756, 500, true)]
    [InlineData(0, 3_000, 500, false)] // busy
    public void Releases_once_quiet_after_growth(int quietSeconds, long committedMiB, long afterLastReleaseMiB, bool release) =>
        Assert.Equal(release, Policy.ShouldRelease(TimeSpan.FromSeconds(quietSeconds), committedMiB * MiB, afterLastReleaseMiB * MiB));
}
