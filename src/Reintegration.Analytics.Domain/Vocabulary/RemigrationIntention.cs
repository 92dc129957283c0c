namespace Reintegration.Analytics.Domain.Vocabulary;

/// <summary>The recorded but unscored item <c>remigration_intention</c> (SPEC §2.2).</summary>
public static class RemigrationIntention
{
    public const string ItemId = "remigration_intention";
    public const string Necessity = "necessity";
    public static readonly IReadOnlyList<string> All = ["none", "choice", Necessity];
    public static bool IsValid(string? value) => value is not null && All.Contains(value);
}
