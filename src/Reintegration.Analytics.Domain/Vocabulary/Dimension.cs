namespace Reintegration.Analytics.Domain.Vocabulary;

/// <summary>The three scored dimensions and the composite (SPEC §2.2); the strings are API and metric label values.</summary>
public static class Dimension
{
    public const string Economic = "economic";
    public const string Social = "social";
    public const string Psychosocial = "psychosocial";
    public const string Composite = "composite";
    public static readonly IReadOnlyList<string> Scored = [Economic, Social, Psychosocial];
    public static readonly IReadOnlyList<string> WithComposite = [Economic, Social, Psychosocial, Composite];
}
