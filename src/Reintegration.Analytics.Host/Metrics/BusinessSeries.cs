using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Vocabulary;

namespace Reintegration.Analytics.Host.Metrics;

/// <summary>One value of a business gauge: its family and the label values after <c>country</c> and <c>region</c>.</summary>
public sealed record BusinessSample(string Family, string[] Labels, double Value);

/// <summary>
/// The business gauges of SPEC §3.2 for one country, rendered from its API document so that they hide what it
/// hides: a country whose returnee count is hidden (fewer than k) or zero has no series at all, and a figure the document suppresses
/// (small, or hidden to protect another) has no series; zero is shown. Region and global figures are Prometheus recording rules over these
/// (Σ mean·n / Σ n), so each ratio comes with its n: <c>score_count</c>, <c>followup_returnees{status="due"}</c>
/// and <c>remigration_answered_returnees</c>.
/// </summary>
public static class BusinessSeries
{
    public static readonly IReadOnlyDictionary<string, (string Help, string[] ExtraLabels)> Families =
        new Dictionary<string, (string, string[])>
        {
            ["reintegration_returnees"] = ("Returnees registered in the country.", []),
            ["reintegration_surveyed_returnees"] = ("Returnees with a current monitoring survey.", []),
            ["reintegration_score_mean_ratio"] = ("Mean score (0..1) of the returnees' current surveys, by dimension.", ["dimension"]),
            ["reintegration_score_count"] = ("Returnees the mean score is computed over (its n), by dimension.", ["dimension"]),
            ["reintegration_sustainable_share_ratio"] = ("Share of returnees with a composite score whose composite is sustainable.", []),
            ["reintegration_followup_coverage_ratio"] = (
                "Share of returnees due for 12-month follow-up who had a survey in the window.", []),
            ["reintegration_remigration_necessity_share_ratio"] = ("Share of current re-migration answers that say necessity.", []),
            ["reintegration_remigration_answered_returnees"] = (
                "Returnees whose current survey answers re-migration intention (the share's n).", []),
            ["reintegration_structural_index_ratio"] = ("Structural index (0..1) of the country's latest structural assessment.", []),
            ["reintegration_plan_returnees"] = ("Returnees with each reintegration plan status set.", ["status"]),
            ["reintegration_assistance_usd"] = ("US dollars of assistance recorded, by assistance type.", ["type"]),
            ["reintegration_followup_returnees"] = (
                "Returnees by 12-month follow-up status today (due and covered are coverage's terms).", ["status"]),
        };

    /// <summary>The follow-up statuses exported: coverage's terms, then the statuses a case worker acts on.</summary>
    public static readonly IReadOnlyList<string> FollowUpStatuses = ["due", FollowUpStatus.Covered, .. FollowUpStatus.Actionable];

    public static IEnumerable<BusinessSample> For(ProtectedReport<CountryReport> report)
    {
        var all = report.Report.Summary.All;
        // The country document's figures, so that a scrape hides exactly what the API hides.
        var d = LevelDocuments.Country(report, "", DateTimeOffset.UnixEpoch);
        // A country without returnees (only communities registered) has nothing to chart.
        if (d.Returnees is null or 0) yield break;
        yield return new("reintegration_returnees", [], d.Returnees.Value);
        if (d.Surveyed is { } surveyed) yield return new("reintegration_surveyed_returnees", [], surveyed);
        foreach (var (dimension, cell) in d.Scores)
        {
            if (cell is not { Mean: { } mean, N: { } n }) continue;
            yield return new("reintegration_score_mean_ratio", [dimension], mean);
            yield return new("reintegration_score_count", [dimension], n);
        }
        if (d.SustainableShare is { } sustainable) yield return new("reintegration_sustainable_share_ratio", [], sustainable);
        if (d.FollowUpCoverage is { } coverage) yield return new("reintegration_followup_coverage_ratio", [], coverage);
        if (d.RemigrationNecessityShare is { } necessity)
        {
            yield return new("reintegration_remigration_necessity_share_ratio", [], necessity);
            yield return new("reintegration_remigration_answered_returnees", [], all.RemigrationAnswered);
        }
        if (d.StructuralIndex is { } structural) yield return new("reintegration_structural_index_ratio", [], structural);

        long?[] plan = [d.Plan.Eligible, d.Plan.PlanDeveloped, d.Plan.AssistanceStarted, d.Plan.AssistanceCompleted, d.Plan.DroppedOut];
        for (var i = 0; i < PlanStatus.All.Count; i++)
            if (plan[i] is { } planned) yield return new("reintegration_plan_returnees", [PlanStatus.All[i]], planned);
        foreach (var (type, cell) in d.Assistance.ByType)
            if (cell.AmountUsd is { } usd) yield return new("reintegration_assistance_usd", [type], (double)usd);

        var followUp = d.FollowUp;
        long?[] counts = [followUp.Due, followUp.Covered, followUp.Open, followUp.Overdue, followUp.Missed];
        for (var i = 0; i < counts.Length; i++)
            if (counts[i] is { } count) yield return new("reintegration_followup_returnees", [FollowUpStatuses[i]], count);
    }
}
