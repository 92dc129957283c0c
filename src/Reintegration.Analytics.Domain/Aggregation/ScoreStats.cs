using Orleans;
using Reintegration.Analytics.Domain.Returnees;
using Reintegration.Analytics.Domain.Vocabulary;

namespace Reintegration.Analytics.Domain.Aggregation;

/// <summary>Returnee count, surveyed count, the four score means and the sustainable count of one group of returnees.</summary>
[GenerateSerializer, Alias("ScoreStats")]
public sealed class ScoreStats
{
    [Id(0)] public long Returnees { get; set; }
    [Id(1)] public long Surveyed { get; set; }
    [Id(2)] public MeanAccumulator Economic { get; set; } = new();
    [Id(3)] public MeanAccumulator Social { get; set; } = new();
    [Id(4)] public MeanAccumulator Psychosocial { get; set; } = new();
    [Id(5)] public MeanAccumulator Composite { get; set; } = new();

    /// <summary>Returnees whose current composite is at or above their instrument's threshold.</summary>
    [Id(6)] public long Sustainable { get; set; }

    public MeanAccumulator Get(string dimension) => dimension switch
    {
        Dimension.Economic => Economic,
        Dimension.Social => Social,
        Dimension.Psychosocial => Psychosocial,
        Dimension.Composite => Composite,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };

    /// <summary>Sustainable / returnees with a composite; null when none has one.</summary>
    public double? SustainableShare => Composite.Count == 0 ? null : (double)Sustainable / Composite.Count;

    public void Add(ReturneeContribution contribution)
    {
        Returnees++;
        if (contribution.Current is not { } scores) return;
        Surveyed++;
        if (scores.Economic is { } e) Economic.Add(e);
        if (scores.Social is { } s) Social.Add(s);
        if (scores.Psychosocial is { } p) Psychosocial.Add(p);
        if (scores.Composite is { } c) Composite.Add(c);
        if (scores.Sustainable == true) Sustainable++;
    }

    public void Merge(ScoreStats other)
    {
        Returnees += other.Returnees;
        Surveyed += other.Surveyed;
        Economic.Merge(other.Economic);
        Social.Merge(other.Social);
        Psychosocial.Merge(other.Psychosocial);
        Composite.Merge(other.Composite);
        Sustainable += other.Sustainable;
    }
}
