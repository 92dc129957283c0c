using Reintegration.Analytics.Domain.Vocabulary;

namespace Reintegration.Analytics.Domain.Snapshots;

/// <summary>
/// The disaggregation groups of a snapshot row: <c>total</c>, or <c>{dimension}:{value}</c> for sex, age band and
/// return type (returnees at every level, every other figure at country level and above), and for the assistance type of
/// assistance figures.
/// </summary>
public static class SnapshotGroups
{
    public const string Total = "total";
    public const string Sex = "sex";
    public const string AgeBand = "ageBand";
    public const string ReturnType = "returnType";
    public const string AssistanceType = "assistanceType";

    /// <summary>Groups of cells that live documents show and the tidy table does not.</summary>
    public const string Vulnerability = "vulnerability";
    public const string Received = "received";
    public const string NotReceived = "notReceived";

    public static string Of(string dimension, string value) => $"{dimension}:{value}";

    /// <summary>Every group in table order (total first).</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Total,
        .. Vocabulary.Sex.All.Select(v => Of(Sex, v)),
        .. Vocabulary.AgeBand.All.Select(v => Of(AgeBand, v)),
        .. Vocabulary.ReturnType.All.Select(v => Of(ReturnType, v)),
        .. Vocabulary.AssistanceType.All.Select(v => Of(AssistanceType, v)),
    ];

    /// <summary>The HXL attribute of a group (<c>+f</c>, <c>+m</c>, <c>+age18_24</c>, <c>+avrr</c>, …; none for the total).</summary>
    public static string HxlAttribute(string group)
    {
        if (group == Total) return "";
        if (group == Of(Sex, "female")) return "+f";
        if (group == Of(Sex, "male")) return "+m";
        var separator = group.IndexOf(':');
        var value = group[(separator + 1)..].Replace("+", "plus", StringComparison.Ordinal);
        var name = new string(value.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_').ToArray());
        return group[..separator] switch
        {
            AgeBand => "+age" + name,
            Sex => "+sex_" + name,
            _ => "+" + name,
        };
    }
}
