using MathNet.Numerics.Distributions;

namespace Reintegration.Analytics.Domain.Aggregation;

/// <summary>
/// The difference of two group means with a Welch 95 % confidence interval (SPEC §2.4 "what works"):
/// standard error √(s₁²/n₁ + s₂²/n₂), Welch–Satterthwaite degrees of freedom, Student t quantile.
/// Computed from sums and sums of squares only, so it is exact at every level of aggregation.
/// </summary>
public sealed record WelchInterval(double Difference, double? CiLow, double? CiHigh)
{
    public const double Confidence = 0.95;

    /// <summary>Null when either group is empty; the interval is null unless both groups have n ≥ 2.</summary>
    public static WelchInterval? Between(MeanAccumulator first, MeanAccumulator second)
    {
        if (first.Mean is not { } m1 || second.Mean is not { } m2) return null;
        var difference = m1 - m2;
        if (first.Variance is not { } v1 || second.Variance is not { } v2) return new WelchInterval(difference, null, null);

        var a = v1 / first.Count;
        var b = v2 / second.Count;
        var standardError = Math.Sqrt(a + b);
        // Both groups without spread: nothing is uncertain, and the t quantile is undefined (0/0 degrees of freedom).
        if (standardError == 0) return new WelchInterval(difference, difference, difference);

        var degreesOfFreedom = (a + b) * (a + b) / (a * a / (first.Count - 1) + b * b / (second.Count - 1));
        var t = StudentT.InvCDF(0, 1, degreesOfFreedom, 1 - (1 - Confidence) / 2);
        return new WelchInterval(difference, difference - t * standardError, difference + t * standardError);
    }
}
