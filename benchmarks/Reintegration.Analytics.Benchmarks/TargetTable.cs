namespace Reintegration.Analytics.Benchmarks;

/// <summary>One issue-10 target: what was measured, beside what (the baseline of the same run), and whether it holds.</summary>
internal sealed record TargetRow(string Target, string Measured, string Baseline, double? Ratio, bool? Pass)
{
    public static TargetRow Rate(string target, double measured, double baseline, bool pass) =>
        new(target, $"{measured:N0} r/s", $"{baseline:N0} r/s", measured / baseline, pass);

    /// <summary>A latency target: p99 (median) against the baseline's p99 (median).</summary>
    public static TargetRow Latency(string target, Percentiles measured, Percentiles? baseline, double limitMs) =>
        new(target, measured.ToString(), baseline?.ToString() ?? "", baseline is { } b ? measured.P99 / b.P99 : null,
            measured.Count > 0 && measured.P99 <= limitMs);
}

/// <summary>p99 and median of a set of timings in milliseconds.</summary>
internal sealed record Percentiles(double P99, double Median, int Count)
{
    public static Percentiles Of(IReadOnlyCollection<double> milliseconds)
    {
        if (milliseconds.Count == 0) return new(double.NaN, double.NaN, 0);
        return new(Timing.Percentile(milliseconds, 0.99), Timing.Percentile(milliseconds, 0.5), milliseconds.Count);
    }

    public override string ToString() => Count == 0 ? "none" : $"{Format(P99)} ({Format(Median)}, n={Count})";

    private static string Format(double ms) => ms >= 1000 ? $"{ms / 1000:F2} s" : $"{ms:F1} ms";
}

internal static class TargetTable
{
    public static void Print(IEnumerable<TargetRow> rows)
    {
        Console.WriteLine();
        Console.WriteLine($"{"target",-66} {"measured",24} {"baseline (same run)",26} {"ratio",7}  result");
        foreach (var row in rows)
            Console.WriteLine($"{row.Target,-66} {row.Measured,24} {row.Baseline,26} {(row.Ratio is { } r ? r.ToString("F2") : ""),7}  " +
                              (row.Pass switch { true => "pass", false => "MISS", null => "" }));
        Console.WriteLine("Latencies: p99 (median, number of samples).");
    }
}
