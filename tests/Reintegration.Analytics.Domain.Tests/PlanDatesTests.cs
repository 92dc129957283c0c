using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Vocabulary;

namespace Reintegration.Analytics.Domain.Tests;

/// <summary>SPEC §2.3 plan funnel: each status is a date; once set it stays set; an omitted status keeps the earlier date.</summary>
public class PlanDatesTests
{
    private static readonly DateOnly D1 = new(2025, 1, 10);
    private static readonly DateOnly D2 = new(2025, 2, 20);
    private static readonly DateOnly D3 = new(2025, 3, 30);

    [Fact]
    public void Empty_has_no_statuses() => Assert.Empty(PlanDates.Empty.SetStatuses());

    [Fact]
    public void Omitted_statuses_keep_the_earlier_dates()
    {
        var plan = PlanDates.Empty
            .MergedWith(new PlanDates(D1, null, null, null, null))
            .MergedWith(new PlanDates(null, D2, null, null, null))
            .MergedWith(new PlanDates(null, null, D3, null, null));

        Assert.Equal(new PlanDates(D1, D2, D3, null, null), plan);
    }

    [Fact]
    public void Once_set_a_status_stays_set_even_when_an_update_omits_everything()
    {
        var plan = new PlanDates(D1, D2, D3, D3, D2);
        Assert.Equal(plan, plan.MergedWith(PlanDates.Empty));
    }

    [Fact]
    public void Naming_a_status_with_another_date_corrects_the_date()
    {
        var plan = new PlanDates(D1, D2, null, null, null).MergedWith(new PlanDates(D3, null, null, null, null));
        Assert.Equal(new PlanDates(D3, D2, null, null, null), plan);
    }

    [Fact]
    public void Dropped_out_may_be_set_at_any_point()
    {
        var plan = new PlanDates(D1, null, null, null, null).MergedWith(new PlanDates(null, null, null, null, D2));
        Assert.Equal([PlanStatus.Eligible, PlanStatus.DroppedOut], plan.SetStatuses());
    }

    [Fact]
    public void SetStatuses_lists_the_set_statuses_in_funnel_order()
    {
        Assert.Equal(PlanStatus.All, new PlanDates(D1, D1, D1, D1, D1).SetStatuses());
        Assert.Equal([PlanStatus.PlanDeveloped, PlanStatus.AssistanceCompleted], new PlanDates(null, D1, null, D2, null).SetStatuses());
    }

    [Fact]
    public void Merging_is_idempotent()
    {
        var update = new PlanDates(D1, null, D2, null, null);
        var once = PlanDates.Empty.MergedWith(update);
        Assert.Equal(once, once.MergedWith(update));
    }
}
