using Reintegration.Analytics.Host.Runtime;

namespace Reintegration.Analytics.Host.Tests.Runtime;

public sealed class MemoryReleasePolicyTests
{
    private const long MiB = 1 << 20;
    private static readonly TimeSpan ReturneeIdle = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CommunityIdle = TimeSpan.FromSeconds(60);
    private static readonly MemoryReleasePolicy Policy = MemoryReleasePolicy.For(ReturneeIdle, CommunityIdle, ceilingBytes: 2048 * MiB);

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
        // The collection once settled (80 s into the quiet) ran, if it was due.
        Assert.Equal(collect, Policy.ShouldCollect(TimeSpan.FromSeconds(quietSeconds),
            TimeSpan.FromSeconds(Math.Max(0, quietSeconds - 80)), committedMiB * MiB, liveMiB * MiB));

    [Theory]
    [InlineData(80, 60, true)] // settled; the last collection was 20 s into the quiet, before communities left
    [InlineData(79, 59, false)] // idle communities may still be in memory
    [InlineData(80, 0, false)] // collected just now, once settled
    [InlineData(600, 520, false)] // collected when the quiet had lasted 80 s: once per quiet spell
    [InlineData(600, 521, true)] // the last collection was before the quiet had lasted 80 s
    [InlineData(600, 3_600, true)] // never collected in this quiet spell (a restart that imported nothing)
    public void Collects_once_more_when_settled_without_growth(int quietSeconds, int sinceLastSeconds, bool collect) =>
        Assert.Equal(collect, Policy.ShouldCollect(TimeSpan.FromSeconds(quietSeconds), TimeSpan.FromSeconds(sinceLastSeconds),
            500 * MiB, 500 * MiB));

    [Fact]
    public void Settles_only_after_a_community_called_as_the_quiet_began_was_looked_at_twice()
    {
        // A community's deadline is its idle time after its last call; Orleans looks every half returnee idle time.
        var lastCall = TimeSpan.FromSeconds(5);
        var scan = ReturneeIdle / 2;
        Assert.True(Policy.SettledAfter >= lastCall + CommunityIdle + 2 * scan);
    }

    [Theory]
    [InlineData(30, 2_049, 1_000, true)] // busy, over the ceiling and over 1.5 times what was live
    [InlineData(29, 2_049, 1_000, false)] // collected less than 30 s ago
    [InlineData(30, 2_048, 500, false)] // at the ceiling, not over
    [InlineData(30, 2_250, 1_500, false)] // over the ceiling, but mostly live: collecting again would free little
    [InlineData(30, 2_251, 1_500, true)]
    [InlineData(3_600, 20_000, 1_000, false, 0)] // the ceiling turned off
    public void Collects_a_busy_heap_over_the_ceiling(
        int sinceLastSeconds, long committedMiB, long liveMiB, bool collect, long ceilingMiB = 2048) =>
        Assert.Equal(collect, MemoryReleasePolicy.For(ReturneeIdle, CommunityIdle, ceilingMiB * MiB)
            .ShouldCollect(TimeSpan.Zero, TimeSpan.FromSeconds(sinceLastSeconds), committedMiB * MiB, liveMiB * MiB));
}
