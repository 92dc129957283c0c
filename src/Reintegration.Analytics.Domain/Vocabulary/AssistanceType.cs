namespace Reintegration.Analytics.Domain.Vocabulary;

/// <summary>Types of reintegration assistance (SPEC §3.1).</summary>
public static class AssistanceType
{
    public static readonly IReadOnlyList<string> All =
    [
        "cash", "in_kind", "business_support", "vocational_training", "job_placement", "housing",
        "medical", "psychosocial_counselling", "education", "legal_documentation", "other",
    ];
    public static bool IsValid(string? value) => value is not null && All.Contains(value);
}
