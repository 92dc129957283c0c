using Orleans;

namespace Reintegration.Analytics.Domain.Records;

/// <summary>A country's structural assessment (SPEC §2.5): each answered item is 0..4.</summary>
[GenerateSerializer, Immutable, Alias("StructuralAssessment")]
public sealed record StructuralAssessment(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] IReadOnlyDictionary<string, int> Items)
{
    public const int MinimumAnsweredItems = 6;

    public static readonly IReadOnlyList<string> ItemNames =
    [
        "national_policy", "sops", "referral_mechanism", "coordination_body", "mainstreamed_in_development_plans",
        "local_ownership", "access_health", "access_education", "access_employment", "access_housing", "access_psychosocial",
    ];

    public bool ContentEquals(StructuralAssessment other) =>
        Date == other.Date && Items.Count == other.Items.Count
        && Items.All(i => other.Items.TryGetValue(i.Key, out var v) && v == i.Value);

    /// <summary>Mean of the answered items / 4, or null with fewer than six answered.</summary>
    public double? StructuralIndex => Items.Count >= MinimumAnsweredItems ? Items.Values.Average() / 4.0 : null;
}
