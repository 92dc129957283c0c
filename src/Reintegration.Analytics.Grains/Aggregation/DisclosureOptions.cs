namespace Reintegration.Analytics.Grains.Aggregation;

/// <summary>
/// What the grains' protected cells hide (configuration section <c>Api</c>: the same minimum cell size as the API, the read
/// model and snapshots).
/// </summary>
public sealed class DisclosureOptions
{
    public int MinimumCellSize { get; set; } = 5;
}
