using System.Collections.Frozen;

namespace Reintegration.Analytics.Domain.Instruments;

/// <summary>
/// A versioned monitoring survey instrument (SPEC §2.2): items, answer mappings, weights and the
/// thresholds that turn answers into scores. It is data, loaded by <see cref="InstrumentLoader"/>.
/// </summary>
public sealed class Instrument
{
    public Instrument(
        string id,
        IReadOnlyList<InstrumentItem> items,
        IReadOnlyDictionary<string, decimal> dimensionWeights,
        decimal minAnsweredWeight,
        decimal sustainableThreshold,
        IReadOnlyDictionary<string, IReadOnlyList<string>> unscoredItems)
    {
        Id = id;
        Items = items;
        DimensionWeights = dimensionWeights;
        MinAnsweredWeight = minAnsweredWeight;
        SustainableThreshold = sustainableThreshold;
        UnscoredItems = unscoredItems;
        ItemsById = items.ToFrozenDictionary(i => i.Id, StringComparer.Ordinal);
    }

    public string Id { get; }
    public IReadOnlyList<InstrumentItem> Items { get; }
    public FrozenDictionary<string, InstrumentItem> ItemsById { get; }

    /// <summary>Relative weights of the dimensions in the composite.</summary>
    public IReadOnlyDictionary<string, decimal> DimensionWeights { get; }

    /// <summary>A dimension score needs at least this much answered weight, else it is missing.</summary>
    public decimal MinAnsweredWeight { get; }

    /// <summary>A composite at or above this value counts as sustainable.</summary>
    public decimal SustainableThreshold { get; }

    /// <summary>Items that are recorded but not scored, with their allowed values.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> UnscoredItems { get; }
}
