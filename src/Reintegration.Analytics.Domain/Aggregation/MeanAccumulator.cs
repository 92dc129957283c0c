using Orleans;

namespace Reintegration.Analytics.Domain.Aggregation;

/// <summary>A sum and a count, mergeable; the mean pools every individual value (never a mean of means).</summary>
[GenerateSerializer, Alias("MeanAccumulator")]
public sealed class MeanAccumulator
{
    [Id(0)] public double Sum { get; set; }
    [Id(1)] public long Count { get; set; }

    public double? Mean => Count == 0 ? null : Sum / Count;

    public void Add(double value)
    {
        Sum += value;
        Count++;
    }

    public void Merge(MeanAccumulator other)
    {
        Sum += other.Sum;
        Count += other.Count;
    }
}
