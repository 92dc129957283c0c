using System.Diagnostics;

namespace Reintegration.Analytics.Benchmarks;

/// <summary>Request timings for the read scenarios: one warm-up, then each request timed alone.</summary>
internal static class Timing
{
    public const int Requests = 20;

    public static async Task<List<double>> MillisecondsAsync(Func<Task> request, int requests = Requests)
    {
        await request();
        var times = new List<double>();
        for (var i = 0; i < requests; i++)
        {
            var clock = Stopwatch.StartNew();
            await request();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    public static double Median(IReadOnlyList<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>The nearest-rank percentile (<paramref name="p"/> from 0 to 1) of a non-empty set of values.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    /// <summary>One row of a read scenario's table: the measurement, its time and its ratio to the baseline.</summary>
    public static void PrintRow(string measurement, double milliseconds, double baselineMilliseconds) =>
        Console.WriteLine($"{measurement,-52} {milliseconds,7:F1} ms {milliseconds / baselineMilliseconds,12:F2}");
}
