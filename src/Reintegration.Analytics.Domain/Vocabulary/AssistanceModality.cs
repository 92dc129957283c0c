namespace Reintegration.Analytics.Domain.Vocabulary;

/// <summary>How assistance was delivered: by the programme itself or by referral.</summary>
public static class AssistanceModality
{
    public static readonly IReadOnlyList<string> All = ["direct", "referral"];
    public static bool IsValid(string? value) => value is not null && All.Contains(value);
}
