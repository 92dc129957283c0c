using CsCheck;
using Reintegration.Analytics.Domain.Records;

namespace Reintegration.Analytics.Domain.Tests;

/// <summary>"Latest" (and "earliest") by date, ties broken by ordinal id (SPEC §2.3, §2.5).</summary>
public class DatedTests
{
    private static KeyValuePair<string, DateOnly> E(string id, int year, int month, int day) => KeyValuePair.Create(id, new DateOnly(year, month, day));

    private static string? LatestId(params KeyValuePair<string, DateOnly>[] items) => Dated.Latest(items, d => d)?.Key;
    private static string? EarliestId(params KeyValuePair<string, DateOnly>[] items) => Dated.Earliest(items, d => d)?.Key;

    [Fact]
    public void Empty_has_no_latest_or_earliest()
    {
        Assert.Null(LatestId());
        Assert.Null(EarliestId());
    }

    [Fact]
    public void Latest_date_wins_regardless_of_id()
    {
        Assert.Equal("a", LatestId(E("z", 2025, 1, 1), E("a", 2025, 6, 1), E("m", 2025, 3, 1)));
        Assert.Equal("a", EarliestId(E("z", 2025, 6, 1), E("a", 2025, 1, 1), E("m", 2025, 3, 1)));
    }

    [Fact]
    public void Latest_tie_goes_to_the_greatest_ordinal_id()
    {
        // ordinal: "s9" > "s10" (character '9' > '1'), and "a" > "B" (lower case after upper case)
        Assert.Equal("s9", LatestId(E("s10", 2025, 5, 5), E("s9", 2025, 5, 5)));
        Assert.Equal("s9", LatestId(E("s9", 2025, 5, 5), E("s10", 2025, 5, 5)));
        Assert.Equal("a", LatestId(E("B", 2025, 5, 5), E("a", 2025, 5, 5)));
        Assert.Equal("b", LatestId(E("a", 2025, 5, 5), E("b", 2025, 5, 5), E("c", 2025, 5, 4)));
    }

    [Fact]
    public void Earliest_tie_goes_to_the_smallest_ordinal_id()
    {
        Assert.Equal("s10", EarliestId(E("s9", 2025, 5, 5), E("s10", 2025, 5, 5)));
        Assert.Equal("B", EarliestId(E("a", 2025, 5, 5), E("B", 2025, 5, 5)));
        Assert.Equal("b", EarliestId(E("c", 2025, 5, 5), E("b", 2025, 5, 5), E("a", 2025, 5, 6)));
    }

    [Fact]
    public void Result_does_not_depend_on_enumeration_order()
    {
        var gen =
            Gen.Select(Gen.Int[0, 30], Gen.Int[0, 5])
               .Array[1, 12]
               .Select(a => a.Select((p, i) => KeyValuePair.Create($"id{p.Item1 * 31 + i % 7}", new DateOnly(2025, 1, 1).AddDays(p.Item2))) // some equal dates
                             .DistinctBy(p => p.Key).ToArray());

        Gen.Select(gen, Gen.Int).Sample((items, seed) =>
        {
            var rng = new Random(seed);
            var shuffled = items.OrderBy(_ => rng.Next()).ToArray();
            var maxDate = items.Max(i => i.Value);
            var expectedLatest = items.Where(i => i.Value == maxDate).Select(i => i.Key).Max(StringComparer.Ordinal);
            var minDate = items.Min(i => i.Value);
            var expectedEarliest = items.Where(i => i.Value == minDate).Select(i => i.Key).Min(StringComparer.Ordinal);

            Assert.Equal(expectedLatest, Dated.Latest(shuffled, d => d)!.Value.Key);
            Assert.Equal(expectedEarliest, Dated.Earliest(shuffled, d => d)!.Value.Key);
        }, iter: 500);
    }
}
