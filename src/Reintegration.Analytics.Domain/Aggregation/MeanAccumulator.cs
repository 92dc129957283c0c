using Orleans;

namespace Reintegration.Analytics.Domain.Aggregation;

/// <summary>
/// A sum, a sum of squares and a count, mergeable; the mean pools every individual value (never a
/// mean of means), and the sample variance comes from the same sums so it merges exactly too.
/// </summary>
[GenerateSerializer, Alias("MeanAccumulator")]
public sealed class MeanAccumulator
{
    [Id(0)] public double Sum { get; set; }
    [Id(1)] public long Count { get; set; }
    [Id(2)] public double SumOfSquares { get; set; }

    public double? Mean => Count == 0 ? null : Sum / Count;

    /// <summary>
    /// Below this share of the sum of squares, Σx² − (Σx)²/n is rounding error of the sums (about n·ε),
    /// not spread: equal values then get variance 0, not a speck of noise.
    /// </summary>
    private const double RoundingFloor = 1e-10;

    /// <summary>The sample variance (n − 1 in the denominator); null below two values.</summary>
    public double? Variance
    {
        get
        {
            if (Count < 2) return null;
            var centred = SumOfSquares - Sum * Sum / Count;
            return centred <= SumOfSquares * RoundingFloor ? 0 : centred / (Count - 1);
        }
    }

    public void Add(double value)
    {
        Sum += value;
        SumOfSquares += value * value;
        Count++;
    }

    public void Merge(MeanAccumulator other)
    {
        Sum += other.Sum;
        SumOfSquares += other.SumOfSquares;
        Count += other.Count;
    }

    /// <summary>The values of this set that are not in <paramref name="part"/> (a subset of them).</summary>
    public MeanAccumulator Without(MeanAccumulator part) =>
        new() { Sum = Sum - part.Sum, SumOfSquares = SumOfSquares - part.SumOfSquares, Count = Count - part.Count };
}
