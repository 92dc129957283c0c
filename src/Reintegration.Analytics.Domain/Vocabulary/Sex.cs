namespace Reintegration.Analytics.Domain.Vocabulary;

/// <summary>Values of <c>sex</c> (SPEC §2.1).</summary>
public static class Sex
{
    public static readonly IReadOnlyList<string> All = ["female", "male", "other", "unknown"];
    public static bool IsValid(string? value) => value is not null && All.Contains(value);
}
