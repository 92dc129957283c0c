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

    // ---------------------------------------------------------------- funnel order (SPEC §2.3)

    [Fact]
    public void A_complete_funnel_in_order_is_valid_and_equal_dates_are_allowed()
    {
        Assert.Null(PlanDates.Empty.FunnelErrorAfter(new PlanDates(D1, D2, D2, D3, null)));
        Assert.Null(PlanDates.Empty.FunnelErrorAfter(new PlanDates(D1, null, null, null, D1)));
        Assert.Null(PlanDates.Empty.FunnelErrorAfter(new PlanDates(D1, D1, D1, D1, D1)));
        Assert.Null(PlanDates.Empty.FunnelErrorAfter(PlanDates.Empty));
    }

    [Theory]
    [InlineData(false, true, false, false, false, "planDeveloped")]
    [InlineData(true, false, true, false, false, "assistanceStarted")]
    [InlineData(true, true, false, true, false, "assistanceCompleted")]
    [InlineData(false, false, false, false, true, "droppedOut")]
    public void A_status_without_the_one_before_it_is_refused(bool eligible, bool developed, bool started, bool completed, bool dropped, string field)
    {
        var plan = new PlanDates(eligible ? D1 : null, developed ? D2 : null, started ? D2 : null, completed ? D3 : null, dropped ? D3 : null);
        var error = PlanDates.Empty.FunnelErrorAfter(plan);
        Assert.Equal(field, error?.Field);
    }

    [Fact]
    public void A_status_dated_before_the_one_before_it_is_refused_naming_the_field_sent()
    {
        Assert.Equal("planDeveloped", PlanDates.Empty.FunnelErrorAfter(new PlanDates(D2, D1, null, null, null))?.Field);
        Assert.Equal("droppedOut", PlanDates.Empty.FunnelErrorAfter(new PlanDates(D2, null, null, null, D1))?.Field);

        // Stored eligible D1 and planDeveloped D2; a correction moving eligible to D3 names eligible.
        var stored = new PlanDates(D1, D2, null, null, null);
        var error = stored.FunnelErrorAfter(new PlanDates(D3, null, null, null, null));
        Assert.Equal("eligible", error?.Field);
        Assert.Contains("2025-02-20", error!.Message);
        Assert.Contains("2025-03-30", error.Message);
    }
}
