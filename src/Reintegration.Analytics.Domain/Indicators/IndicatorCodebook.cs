namespace Reintegration.Analytics.Domain.Indicators;

/// <summary>
/// The codebook of indicator codes (SPEC §3.1 <c>GET /indicators</c>). Definitions follow SPEC §2.4 and §2.5;
/// units are <c>returnees</c> (a count), <c>ratio</c> (0..1), <c>score</c> (0..1, 1 = best), <c>score change</c>,
/// <c>USD</c>, <c>records</c> and <c>per 1,000 population</c>.
/// </summary>
public static class IndicatorCodebook
{
    public const string Community = "community";
    public const string Country = "country";
    public const string Region = "region";
    public const string Global = "global";

    private static readonly string[] AllLevels = [Community, Country, Region, Global];

    private static Indicator Count(string code, string name, string definition, string formula, bool disaggregated = false) =>
        new(code, name, definition, "returnees", formula, AllLevels, disaggregated);

    private static Indicator Score(string dimension) => new(
        $"score_{dimension}_mean", $"Mean {dimension} score",
        $"Arithmetic mean of the {dimension} score over returnees whose current survey has a {dimension} score; "
        + "means pool individuals (never a mean of means).",
        "score", $"Σ {dimension} score of current surveys / n (n = returnees with a non-null current {dimension} score)", AllLevels, true);

    public static readonly IReadOnlyList<Indicator> All =
    [
        Count("returnees", "Returnees", "Returnees registered in the unit.", "|R|", disaggregated: true),
        Count("surveyed", "Surveyed returnees", "Returnees with a current monitoring survey.", "|{r ∈ R : r has a survey}|"),
        Score("economic"),
        Score("social"),
        Score("psychosocial"),
        Score("composite"),
        new("sustainable_share", "Sustainable reintegration share",
            "Returnees whose current composite score is at or above the instrument's sustainable threshold (0.50), among returnees "
            + "with a non-null current composite.", "ratio", "|{C ≥ threshold}| / |{C not null}|", AllLevels, true),
        new("improvement_mean", "Mean improvement since baseline",
            "Over returnees with a baseline and a current survey dated after the baseline's date, both with a composite score: "
            + "mean of current composite − baseline composite.", "score change", "Σ (C_current − C_baseline) / n", AllLevels, false),
        new("followup_coverage", "12-month follow-up coverage",
            "Among returnees with returnDate ≤ today − 365 days, the share with at least one survey dated returnDate + 270 … "
            + "returnDate + 545 days, inclusive.", "ratio", "followup_covered / followup_due", AllLevels, false),
        Count("followup_due", "Due for 12-month follow-up", "Returnees whose return is at least 365 days old.",
            "|{returnDate ≤ today − 365}|"),
        Count("followup_covered", "Covered by 12-month follow-up", "Due returnees with a survey in the follow-up window.",
            "|{due ∧ survey in window}|"),
        Count("followup_open", "Follow-up open", "Returnees without a survey in the window whose window is open and whose return is "
            + "at most 365 days old.", "|{not covered ∧ returnDate + 270 ≤ today ≤ returnDate + 365}|"),
        Count("followup_overdue", "Follow-up overdue", "Returnees without a survey in the window, more than 365 days after return, "
            + "window still open.", "|{not covered ∧ returnDate + 365 < today ≤ returnDate + 545}|"),
        Count("followup_missed", "Follow-up missed", "Returnees whose window closed without a survey in it.",
            "|{not covered ∧ today > returnDate + 545}|"),
        new("remigration_necessity_share", "Re-migration by necessity",
            "Current surveys answering that the returnee feels the need to migrate again out of necessity, among current surveys "
            + "answering the re-migration question (not na).", "ratio", "|{necessity}| / |{none, choice, necessity}|", AllLevels, false),
        Count("plan_eligible", "Eligible for a reintegration plan", "Returnees with the plan status eligible set.", "|{eligible set}|"),
        Count("plan_developed", "Plan developed", "Returnees with the plan status plan_developed set.", "|{plan_developed set}|"),
        Count("plan_assistance_started", "Assistance started", "Returnees with the plan status assistance_started set.",
            "|{assistance_started set}|"),
        Count("plan_assistance_completed", "Assistance completed", "Returnees with the plan status assistance_completed set.",
            "|{assistance_completed set}|"),
        Count("plan_dropped_out", "Dropped out", "Returnees with the plan status dropped_out set.", "|{dropped_out set}|"),
        new("plan_completion_rate", "Plan completion rate", "Returnees who completed assistance among those eligible.", "ratio",
            "plan_assistance_completed / plan_eligible", AllLevels, false),
        Count("returnees_assisted", "Returnees assisted", "Returnees with at least one assistance record.", "|{≥ 1 assistance record}|"),
        new("assistance_records", "Assistance records", "Assistance records, in all or of one type.", "records", "count of records",
            AllLevels, false),
        new("assistance_usd", "Assistance amount", "US dollars of assistance recorded, in all or of one type.", "USD", "Σ amountUsd",
            AllLevels, false),
        new("services_index", "Services index", "Mean of the six service values (health, education, water, employment, housing, "
            + "psychosocial; each 0..4) of the community's latest assessment, divided by 4.", "ratio", "mean(services) / 4",
            [Community], false),
        new("cohesion_index", "Social cohesion index", "Perceived social cohesion between returnees and residents (0..4) of the "
            + "community's latest assessment, divided by 4.", "ratio", "cohesion / 4", [Community], false),
        new("joint_participation_share", "Joint participation share", "Non-migrant participants among all participants of the "
            + "community projects of its latest assessment.", "ratio",
            "Σ nonMigrantParticipants / Σ (returnee + nonMigrant participants)",
            [Community], false),
        new("return_pressure", "Return pressure", "Returnees with a return date in the last 365 days per 1,000 population "
            + "(population from the latest community assessment).", "per 1,000 population",
            "1000 × |{returned in last 365 days}| / population",
            [Community], false),
        new("structural_index", "Structural index", "Mean of the answered items (each 0..4) of the country's latest structural "
            + "assessment, divided by 4; null with fewer than 6 answered items.", "ratio", "mean(answered items) / 4", [Country], false),
    ];
}
