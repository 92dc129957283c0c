namespace Reintegration.Analytics.Domain.Vocabulary;

/// <summary>Values of <c>returnType</c> (SPEC §2.1).</summary>
public static class ReturnType
{
    public static readonly IReadOnlyList<string> All = ["avrr", "vhr", "forced", "spontaneous"];
    public static bool IsValid(string? value) => value is not null && All.Contains(value);
}
