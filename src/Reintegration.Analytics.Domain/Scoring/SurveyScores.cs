using Orleans;

namespace Reintegration.Analytics.Domain.Scoring;

/// <summary>
/// The scores of one survey (SPEC §2.2), each in [0,1] or null when missing. Full precision;
/// rounding is for display only.
/// </summary>
[GenerateSerializer, Immutable, Alias("SurveyScores")]
public sealed record SurveyScores(
    [property: Id(0)] double? Economic,
    [property: Id(1)] double? Social,
    [property: Id(2)] double? Psychosocial,
    [property: Id(3)] double? Composite,
    [property: Id(4)] bool? Sustainable)
{
    public double? Get(string dimension) => dimension switch
    {
        Vocabulary.Dimension.Economic => Economic,
        Vocabulary.Dimension.Social => Social,
        Vocabulary.Dimension.Psychosocial => Psychosocial,
        Vocabulary.Dimension.Composite => Composite,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };
}
