using CsCheck;
using Reintegration.Analytics.Domain.Aggregation;

namespace Reintegration.Analytics.Domain.Tests;

/// <summary>The compact per-date counts hold what a dictionary of dates would, whatever the order of adds and merges.</summary>
public sealed class ReturnDaysTests
{
    private static readonly DateOnly Start = new(2024, 1, 1);

    private static readonly Gen<(int Day, bool FollowedUp)[]> Returns =
        Gen.Select(Gen.Int[0, 60], Gen.Bool).Array[0, 40];

    [Fact]
    public void Adds_and_merges_in_any_order_equal_counting_by_date() =>
        Gen.Select(Returns.Array[1, 6], Gen.Bool).Sample(((int Day, bool FollowedUp)[][] groups, bool trim) =>
        {
            var expected = new SortedDictionary<DateOnly, (int Returnees, int FollowedUp)>();
            var total = new ReturnDays();
            foreach (var group in groups)
            {
                var days = new ReturnDays();
                foreach (var (day, followedUp) in group)
                {
                    var date = Start.AddDays(day);
                    days.Add(date, 1, followedUp ? 1 : 0);
                    var (returnees, covered) = expected.GetValueOrDefault(date);
                    expected[date] = (returnees + 1, covered + (followedUp ? 1 : 0));
                }
                if (trim) days.TrimExcess();
                total.Merge(days);
            }

            Assert.Equal(expected.Select(e => new ReturnDay(e.Key, e.Value.Returnees, e.Value.FollowedUp)), total.Days.ToArray());
        });

    [Fact]
    public void Merging_days_all_known_adds_in_place_and_trimming_keeps_them()
    {
        var days = new ReturnDays();
        days.Add(Start.AddDays(5), 2, 1);
        days.Add(Start, 1, 0);
        days.Add(Start.AddDays(9), 1, 1);
        var same = new ReturnDays();
        same.Add(Start.AddDays(9), 3, 0);
        same.Add(Start, 1, 1);

        days.Merge(same);
        days.TrimExcess();

        Assert.Equal([new ReturnDay(Start, 2, 1), new ReturnDay(Start.AddDays(5), 2, 1), new ReturnDay(Start.AddDays(9), 4, 1)],
            days.Days.ToArray());
    }

    [Fact]
    public void A_trimmed_summary_grows_again_and_merges_into_itself()
    {
        var days = new ReturnDays();
        days.TrimExcess();
        days.Add(Start.AddDays(3), 1, 0);
        days.TrimExcess();
        days.Add(Start, 2, 2);
        days.Add(Start.AddDays(9), 1, 1);

        days.Merge(days);

        Assert.Equal([new ReturnDay(Start, 4, 4), new ReturnDay(Start.AddDays(3), 2, 0), new ReturnDay(Start.AddDays(9), 2, 2)],
            days.Days.ToArray());
    }
}
