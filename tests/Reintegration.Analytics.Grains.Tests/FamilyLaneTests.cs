using Reintegration.Analytics.Grains.LiveTable;

namespace Reintegration.Analytics.Grains.Tests;

/// <summary>
/// Which changed country a lane of the live table prepares next: each lane only its size of family; in the small lane the
/// smallest change first among those that waited alike, and a larger one once it has waited long enough; in the large lane
/// the oldest.
/// </summary>
public sealed class FamilyLaneTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, int> Sizes = new()
    {
        ["TINY"] = 1, ["SMALL"] = 10, ["EDGE"] = FamilyLane.LargeFamily, ["LARGE"] = FamilyLane.LargeFamily + 1, ["HUGE"] = 4_000,
    };

    [Fact]
    public void Each_lane_takes_only_its_size_of_family()
    {
        var changed = Waiting(("EDGE", 10), ("LARGE", 10));
        Assert.Equal("EDGE", Small.Next(changed, Size, Now));
        Assert.Equal("LARGE", Large.Next(changed, Size, Now));
        Assert.Null(Large.Next(Waiting(("TINY", 500), ("EDGE", 500)), Size, Now));
        Assert.Null(Small.Next(Waiting(("HUGE", 500)), Size, Now));
    }

    [Fact]
    public void Of_changes_that_waited_alike_the_smallest_family_goes_first()
    {
        Assert.Equal("TINY", Small.Next(Waiting(("SMALL", 100), ("TINY", 100), ("EDGE", 100)), Size, Now));
    }

    [Fact]
    public void Of_large_families_the_oldest_change_goes_first()
    {
        Assert.Equal("HUGE", Large.Next(Waiting(("HUGE", 101), ("LARGE", 100)), Size, Now));
        Assert.Equal("LARGE", Large.Next(Waiting(("HUGE", 100), ("LARGE", 101)), Size, Now));
    }

    [Fact]
    public void A_larger_family_goes_first_once_it_has_waited_long_enough()
    {
        // Response ratios (waited + cost) / cost: TINY (2 + 2) / 2 = 2; SMALL (10 + 11) / 11 < 2, (12 + 11) / 11 > 2.
        Assert.Equal("TINY", Small.Next(Waiting(("TINY", 2), ("SMALL", 10)), Size, Now));
        Assert.Equal("SMALL", Small.Next(Waiting(("TINY", 2), ("SMALL", 12)), Size, Now));
    }

    [Fact]
    public void A_country_not_read_yet_is_small()
    {
        Assert.Equal("NEW", Small.Next(Waiting(("NEW", 0)), Size, Now));
        Assert.Null(Large.Next(Waiting(("NEW", 0)), Size, Now));
    }

    private static FamilyLane Small => new(large: false);
    private static FamilyLane Large => new(large: true);

    private static int Size(string country) => Sizes.GetValueOrDefault(country);

    private static Dictionary<string, DateTimeOffset> Waiting(params (string Country, int WaitedMs)[] changes) =>
        changes.ToDictionary(c => c.Country, c => Now.AddMilliseconds(-c.WaitedMs));
}
