using Reintegration.Analytics.Domain.FollowUp;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Returnees;
using Reintegration.Analytics.Domain.Vocabulary;

namespace Reintegration.Analytics.Domain.Tests;

/// <summary>SPEC §2.4 12-month follow-up: due when returnDate ≤ today − 365; covered by a survey on returnDate+270 … +545 inclusive.</summary>
public class FollowUpWindowTests
{
    // 2024 is a leap year. Day-of-year totals at month ends 2024: Aug 244, Sep 274; 2025: May 151, Jun 181.
    private static readonly DateOnly Return = new(2024, 1, 1);       // day 1 of 2024
    private static readonly DateOnly Plus269 = new(2024, 9, 26);     // day 270 = 244 + 26
    private static readonly DateOnly Plus270 = new(2024, 9, 27);     // day 271 = 244 + 27
    private static readonly DateOnly Plus545 = new(2025, 6, 29);     // day 546 → 546 − 366 = day 180 of 2025 = 151 + 29
    private static readonly DateOnly Plus546 = new(2025, 6, 30);

    [Fact]
    public void Hand_computed_dates_are_right()
    {
        Assert.Equal(Return.AddDays(269), Plus269);
        Assert.Equal(Return.AddDays(270), Plus270);
        Assert.Equal(Return.AddDays(545), Plus545);
        Assert.Equal(Return.AddDays(546), Plus546);
    }

    [Fact]
    public void Window_is_inclusive_at_both_ends()
    {
        Assert.False(FollowUpWindow.Covers(Return, Plus269));
        Assert.True(FollowUpWindow.Covers(Return, Plus270));
        Assert.True(FollowUpWindow.Covers(Return, new DateOnly(2025, 1, 1)));
        Assert.True(FollowUpWindow.Covers(Return, Plus545));
        Assert.False(FollowUpWindow.Covers(Return, Plus546));
        Assert.False(FollowUpWindow.Covers(Return, Return));
        Assert.False(FollowUpWindow.Covers(Return, Return.AddDays(-300)));
    }

    [Fact]
    public void Due_once_the_return_is_365_days_old()
    {
        var today = new DateOnly(2025, 3, 1);
        Assert.True(FollowUpWindow.IsDue(new DateOnly(2024, 3, 1), today));  // 2024-03-01 + 365 = 2025-03-01 (2024 leap day is before March)
        Assert.Equal(today, new DateOnly(2024, 3, 1).AddDays(365));
        Assert.False(FollowUpWindow.IsDue(new DateOnly(2024, 3, 2), today)); // 364 days old
        Assert.True(FollowUpWindow.IsDue(new DateOnly(2020, 1, 1), today));
        Assert.False(FollowUpWindow.IsDue(today, today));
    }

    [Fact]
    public void Recent_returns_are_the_last_365_days_including_today()
    {
        var today = new DateOnly(2025, 3, 1);
        Assert.True(FollowUpWindow.IsRecentReturn(today, today));
        Assert.True(FollowUpWindow.IsRecentReturn(today.AddDays(-364), today));
        Assert.False(FollowUpWindow.IsRecentReturn(today.AddDays(-365), today));
        Assert.False(FollowUpWindow.IsRecentReturn(today.AddDays(1), today));
    }

    [Fact]
    public void Due_and_recent_partition_past_returns()
    {
        var today = new DateOnly(2025, 3, 1);
        for (var d = -800; d <= 0; d++)
        {
            var returnDate = today.AddDays(d);
            Assert.NotEqual(FollowUpWindow.IsDue(returnDate, today), FollowUpWindow.IsRecentReturn(returnDate, today));
        }
    }

    // ---------------------------------------------------------------- statuses (SPEC §2.4)

    [Theory]
    [InlineData(-5, "notYet")] // a return date in the future (a planned return)
    [InlineData(0, "notYet")]
    [InlineData(269, "notYet")]
    [InlineData(270, "open")]
    [InlineData(365, "open")]
    [InlineData(366, "overdue")]
    [InlineData(545, "overdue")]
    [InlineData(546, "missed")]
    [InlineData(2000, "missed")]
    public void Status_on_the_day_boundaries(int daysSinceReturn, string expected)
    {
        var today = Return.AddDays(daysSinceReturn);
        Assert.Equal(expected, FollowUpWindow.StatusOf(Return, covered: false, today));
        Assert.Equal(FollowUpStatus.Covered, FollowUpWindow.StatusOf(Return, covered: true, today));
    }

    [Fact]
    public void Window_opens_and_closes_on_hand_computed_dates()
    {
        Assert.Equal(Plus270, FollowUpWindow.Opens(Return));
        Assert.Equal(Plus545, FollowUpWindow.Closes(Return));
    }

    [Fact]
    public void Aggregate_counts_follow_the_statuses_of_every_return_day()
    {
        // One returnee per return date from 600 days ago to today, every third of them covered.
        var today = new DateOnly(2026, 11, 24);
        var summary = new AggregateSummary();
        var expected = FollowUpStatus.All.ToDictionary(s => s, _ => 0L);
        long due = 0, dueCovered = 0;
        for (var days = 0; days <= 600; days++)
        {
            var covered = days % 3 == 0;
            summary.All.ByReturnDay.Add(today.AddDays(-days), 1, covered ? 1 : 0);
            var status = covered ? "covered" : days < 270 ? "notYet" : days <= 365 ? "open" : days <= 545 ? "overdue" : "missed";
            expected[status]++;
            if (days >= 365) { due++; if (covered) dueCovered++; }
        }

        var counts = summary.All.FollowUpOn(today);

        Assert.Equal(new FollowUpTotals(due, dueCovered, expected["open"], expected["overdue"], expected["missed"]), counts);
        Assert.Equal(96 - 32, counts.Open);      // days 270..365: 96 days, 32 of them multiples of 3
        Assert.Equal(180 - 60, counts.Overdue);  // days 366..545
        Assert.Equal(55 - 19, counts.Missed);    // days 546..600
    }
}
