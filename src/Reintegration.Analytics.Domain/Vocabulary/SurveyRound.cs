namespace Reintegration.Analytics.Domain.Vocabulary;

/// <summary>Monitoring rounds of a survey (SPEC §2.3).</summary>
public static class SurveyRound
{
    public const string Baseline = "baseline";
    public static readonly IReadOnlyList<string> All = [Baseline, "m3", "m6", "m9", "m12", "m18", "adhoc"];
    public static bool IsValid(string? value) => value is not null && All.Contains(value);
}
