using Orleans;
using Reintegration.Analytics.Domain.FollowUp;
using Reintegration.Analytics.Domain.Returnees;
using Reintegration.Analytics.Domain.Vocabulary;

namespace Reintegration.Analytics.Domain.Aggregation;

/// <summary>
/// The sufficient statistics of one group of returnees (a whole unit, or one sex, age band or return
/// type of it): counts, score sums, improvement, re-migration answers and returnees per return date,
/// so every headline figure can be evaluated for any group (see <see cref="CellFigures"/>).
/// </summary>
[GenerateSerializer, Alias("GroupStats")]
public sealed class GroupStats
{
    [Id(0)] public long Returnees { get; set; }
    [Id(1)] public long Surveyed { get; set; }
    [Id(2)] public MeanAccumulator Economic { get; set; } = new();
    [Id(3)] public MeanAccumulator Social { get; set; } = new();
    [Id(4)] public MeanAccumulator Psychosocial { get; set; } = new();
    [Id(5)] public MeanAccumulator Composite { get; set; } = new();

    /// <summary>Returnees whose current composite is at or above their instrument's threshold.</summary>
    [Id(6)] public long Sustainable { get; set; }

    [Id(7)] public MeanAccumulator Improvement { get; set; } = new();
    [Id(8)] public long RemigrationAnswered { get; set; }
    [Id(9)] public long RemigrationNecessity { get; set; }

    /// <summary>Per return date: returnees, and those with a 12-month follow-up survey.</summary>
    [Id(10)] public ReturnDays ByReturnDay { get; set; } = new();

    public MeanAccumulator Get(string dimension) => dimension switch
    {
        Dimension.Economic => Economic,
        Dimension.Social => Social,
        Dimension.Psychosocial => Psychosocial,
        Dimension.Composite => Composite,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };

    /// <summary>Sustainable / returnees with a composite; null when none has one.</summary>
    public double? SustainableShare => Composite.Count == 0 ? null : (double)Sustainable / Composite.Count;

    /// <summary>
    /// Follow-up counts on <paramref name="today"/>: <c>due</c> and <c>covered</c> are coverage's terms;
    /// open, overdue and missed count the returnees not covered, by where today falls in their window.
    /// </summary>
    public FollowUpTotals FollowUpOn(DateOnly today)
    {
        long due = 0, covered = 0, open = 0, overdue = 0, missed = 0;
        foreach (var day in ByReturnDay.Days)
        {
            if (FollowUpWindow.IsDue(day.Date, today))
            {
                due += day.Returnees;
                covered += day.FollowedUp;
            }
            var notCovered = day.Returnees - day.FollowedUp;
            switch (FollowUpWindow.StatusOf(day.Date, covered: false, today))
            {
                case FollowUpStatus.Open: open += notCovered; break;
                case FollowUpStatus.Overdue: overdue += notCovered; break;
                case FollowUpStatus.Missed: missed += notCovered; break;
            }
        }
        return new FollowUpTotals(due, covered, open, overdue, missed);
    }

    /// <summary>Returnees whose return date lies in the last 365 days (community return pressure).</summary>
    public long RecentReturnsOn(DateOnly today)
    {
        long recent = 0;
        foreach (var day in ByReturnDay.Days)
            if (FollowUpWindow.IsRecentReturn(day.Date, today)) recent += day.Returnees;
        return recent;
    }

    public void Add(ReturneeContribution contribution)
    {
        Returnees++;
        ByReturnDay.Add(contribution.ReturnDate, 1, contribution.HasTwelveMonthFollowUp ? 1 : 0);
        if (contribution.Improvement is { } improvement) Improvement.Add(improvement);
        if (contribution.RemigrationIntention is { } intention)
        {
            RemigrationAnswered++;
            if (intention == RemigrationIntention.Necessity) RemigrationNecessity++;
        }

        if (contribution.Current is not { } scores) return;
        Surveyed++;
        if (scores.Economic is { } e) Economic.Add(e);
        if (scores.Social is { } s) Social.Add(s);
        if (scores.Psychosocial is { } p) Psychosocial.Add(p);
        if (scores.Composite is { } c) Composite.Add(c);
        if (scores.Sustainable == true) Sustainable++;
    }

    public void Merge(GroupStats other)
    {
        Returnees += other.Returnees;
        Surveyed += other.Surveyed;
        Economic.Merge(other.Economic);
        Social.Merge(other.Social);
        Psychosocial.Merge(other.Psychosocial);
        Composite.Merge(other.Composite);
        Sustainable += other.Sustainable;
        Improvement.Merge(other.Improvement);
        RemigrationAnswered += other.RemigrationAnswered;
        RemigrationNecessity += other.RemigrationNecessity;
        ByReturnDay.Merge(other.ByReturnDay);
    }
}

/// <summary>Unsuppressed follow-up counts of a group on one day (see <see cref="GroupStats.FollowUpOn"/>).</summary>
public readonly record struct FollowUpTotals(long Due, long Covered, long Open, long Overdue, long Missed);
