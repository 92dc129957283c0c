using System.Globalization;
using System.Text.RegularExpressions;

namespace Reintegration.Analytics.TestSupport;

/// <summary>Reads the Prometheus text exposition format (the samples; comments skipped).</summary>
public static partial class MetricsText
{
    public static IReadOnlyList<PromSample> Parse(string text, string? family = null)
    {
        var samples = new List<PromSample>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var match = Sample().Match(line);
            if (!match.Success) throw new FormatException($"not a sample line: {line}");
            var name = match.Groups["name"].Value;
            if (family is not null && name != family) continue;
            var labels = Label().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            labels["__name__"] = name;
            samples.Add(new PromSample(labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }
        return samples;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)( \d+)?$")]
    private static partial Regex Sample();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
