using Reintegration.Analytics.Domain.Aggregation;

namespace Reintegration.Analytics.Domain.Tests;

/// <summary>SPEC §2.4 "what works": received − not received with a Welch 95 % interval, from sums and sums of squares.</summary>
public class WelchIntervalTests
{
    private const double Precision = 1e-12;

    private static MeanAccumulator Of(params double[] values)
    {
        var accumulator = new MeanAccumulator();
        foreach (var value in values) accumulator.Add(value);
        return accumulator;
    }

    [Fact]
    public void Equal_sizes_and_variances_give_a_textbook_interval()
    {
        // Both groups n = 6 with sample variance 0.035, so Welch's df is exactly 10 and t(0.975, 10) = 2.2281388519649385
        // (printed tables: 2.228). se = √(0.035/6 · 2) = 0.10801234497346433.
        var interval = WelchInterval.Between(Of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6), Of(0.0, 0.1, 0.2, 0.3, 0.4, 0.5))!;

        Assert.Equal(0.1, interval.Difference, Precision);
        Assert.Equal(0.1 - 2.2281388519649385 * 0.10801234497346433, interval.CiLow!.Value, 1e-9);
        Assert.Equal(0.1 + 2.2281388519649385 * 0.10801234497346433, interval.CiHigh!.Value, 1e-9);
    }

    [Fact]
    public void Unequal_groups_use_welch_satterthwaite_degrees_of_freedom()
    {
        double[] received = [0.30, 0.10, 0.25, -0.05, 0.40];
        double[] notReceived = [0.02, -0.10, 0.05, 0.00, 0.12, -0.03, 0.07, 0.01];
        var interval = WelchInterval.Between(Of(received), Of(notReceived))!;

        // Written out from the raw values: two-pass variances, Welch–Satterthwaite df, t quantile.
        var (m1, m2) = (received.Average(), notReceived.Average());
        var a = received.Sum(v => (v - m1) * (v - m1)) / (received.Length - 1) / received.Length;
        var b = notReceived.Sum(v => (v - m2) * (v - m2)) / (notReceived.Length - 1) / notReceived.Length;
        var df = (a + b) * (a + b) / (a * a / (received.Length - 1) + b * b / (notReceived.Length - 1));
        var half = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, df, 0.975) * Math.Sqrt(a + b);

        Assert.InRange(df, 4, 13); // between the smaller n − 1 and n₁ + n₂ − 2
        Assert.Equal(m1 - m2, interval.Difference, Precision);
        Assert.Equal(m1 - m2 - half, interval.CiLow!.Value, 1e-10);
        Assert.Equal(m1 - m2 + half, interval.CiHigh!.Value, 1e-10);
    }

    [Fact]
    public void No_interval_unless_both_groups_have_two_values()
    {
        var single = WelchInterval.Between(Of(0.3), Of(0.1, 0.2, 0.3))!;
        Assert.Equal(0.1, single.Difference, Precision);
        Assert.Null(single.CiLow);
        Assert.Null(single.CiHigh);

        Assert.Null(WelchInterval.Between(new MeanAccumulator(), Of(0.1, 0.2)));
        Assert.Null(WelchInterval.Between(Of(0.1, 0.2), new MeanAccumulator()));
    }

    [Fact]
    public void Zero_variance_in_both_groups_gives_a_point_interval()
    {
        // 0.1 and 0.3 are not exact in binary: Σx² − (Σx)²/n leaves rounding noise that must not pass as spread.
        var interval = WelchInterval.Between(Of(0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3), Of(0.1, 0.1, 0.1))!;
        Assert.Equal(0.2, interval.Difference, Precision);
        Assert.Equal(interval.Difference, interval.CiLow);
        Assert.Equal(interval.Difference, interval.CiHigh);
    }

    [Fact]
    public void Zero_variance_in_one_group_leaves_the_other_groups_uncertainty()
    {
        // a = 0, so df = n₂ − 1 = 2 and the half-width is t(0.975, 2) · s₂/√n₂; t(0.975, 2) = 4.302652729749464.
        var interval = WelchInterval.Between(Of(0.5, 0.5, 0.5), Of(0.1, 0.2, 0.3))!;
        var half = 4.302652729749464 * Math.Sqrt(0.01 / 3);
        Assert.Equal(0.3, interval.Difference, Precision);
        Assert.Equal(0.3 - half, interval.CiLow!.Value, 1e-9);
        Assert.Equal(0.3 + half, interval.CiHigh!.Value, 1e-9);
    }

    [Fact]
    public void Merged_and_subtracted_sums_give_the_same_interval_as_the_raw_groups()
    {
        var all = Of(0.1, 0.2, 0.3);
        all.Merge(Of(0.4, -0.2, 0.05, 0.15));
        var received = Of(0.4, -0.2, 0.05, 0.15);
        var viaSums = WelchInterval.Between(received, all.Without(received))!;
        var direct = WelchInterval.Between(Of(0.4, -0.2, 0.05, 0.15), Of(0.1, 0.2, 0.3))!;
        Assert.Equal(direct.Difference, viaSums.Difference, Precision);
        Assert.Equal(direct.CiLow!.Value, viaSums.CiLow!.Value, 1e-10);
        Assert.Equal(direct.CiHigh!.Value, viaSums.CiHigh!.Value, 1e-10);
    }
}
