using Orleans;
using Reintegration.Analytics.Domain.Returnees;
using Reintegration.Analytics.Domain.Vocabulary;

namespace Reintegration.Analytics.Domain.Aggregation;

/// <summary>
/// The sufficient statistics of SPEC §2.4 for a set of returnees: only counts and sums, so a
/// community's summary is built from its members' contributions and every parent's summary is the
/// merge of its children's. Nothing is ever subtracted, which keeps every level equal to a
/// recomputation from scratch. The whole unit and each of its groups keep a <see cref="GroupStats"/>;
/// time-dependent figures (follow-up, return pressure) are evaluated from its counts per return date.
/// </summary>
[GenerateSerializer, Alias("AggregateSummary")]
public sealed class AggregateSummary
{
    [Id(0)] public GroupStats All { get; set; } = new();
    [Id(1)] public Dictionary<string, GroupStats> BySex { get; set; } = [];
    [Id(2)] public Dictionary<string, GroupStats> ByAgeBand { get; set; } = [];
    [Id(3)] public Dictionary<string, GroupStats> ByReturnType { get; set; } = [];
    [Id(4)] public Dictionary<string, long> ByVulnerability { get; set; } = [];
    [Id(5)] public Dictionary<string, long> PlanStatuses { get; set; } = [];
    [Id(6)] public Dictionary<string, AssistanceTypeTotals> AssistanceByType { get; set; } = [];
    [Id(7)] public long ReturneesAssisted { get; set; }

    /// <summary>Improvement of the returnees who received each assistance type by their current survey ("what works").</summary>
    [Id(8)] public Dictionary<string, MeanAccumulator> ImprovementByAssistanceType { get; set; } = [];

    public static AggregateSummary Of(IEnumerable<ReturneeContribution> contributions)
    {
        var summary = new AggregateSummary();
        foreach (var contribution in contributions) summary.Add(contribution);
        summary.TrimExcess();
        return summary;
    }

    public static AggregateSummary MergeAll(IEnumerable<AggregateSummary> summaries)
    {
        var total = new AggregateSummary();
        foreach (var summary in summaries) total.Merge(summary);
        total.TrimExcess();
        return total;
    }

    /// <summary>
    /// Drops the room left for more (a built summary is only read and merged, and every unit keeps one). Loops, not a query:
    /// every community builds its summary again on each push.
    /// </summary>
    private void TrimExcess()
    {
        All.ByReturnDay.TrimExcess();
        foreach (var groups in (Dictionary<string, GroupStats>[])[BySex, ByAgeBand, ByReturnType])
            foreach (var group in groups.Values) group.ByReturnDay.TrimExcess();
    }

    public void Add(ReturneeContribution c)
    {
        All.Add(c);
        Group(BySex, c.Sex).Add(c);
        Group(ByAgeBand, c.AgeBand).Add(c);
        Group(ByReturnType, c.ReturnType).Add(c);
        foreach (var vulnerability in c.Vulnerabilities) Increment(ByVulnerability, vulnerability, 1);

        // Rows stored before derivation 1 have no list (null) until their returnee stores them again.
        if (c.Improvement is { } improvement)
            foreach (var type in c.AssistedByCurrentSurvey ?? [])
                Group(ImprovementByAssistanceType, type).Add(improvement);

        foreach (var status in c.PlanStatuses) Increment(PlanStatuses, status, 1);

        if (c.Assistance.Count > 0) ReturneesAssisted++;
        foreach (var assistance in c.Assistance)
        {
            var totals = Group(AssistanceByType, assistance.Type);
            totals.Returnees++;
            totals.Records += assistance.Records;
            totals.AmountUsd += assistance.AmountUsd;
        }
    }

    public void Merge(AggregateSummary other)
    {
        All.Merge(other.All);
        MergeGroups(BySex, other.BySex, (a, b) => a.Merge(b));
        MergeGroups(ByAgeBand, other.ByAgeBand, (a, b) => a.Merge(b));
        MergeGroups(ByReturnType, other.ByReturnType, (a, b) => a.Merge(b));
        foreach (var (key, value) in other.ByVulnerability) Increment(ByVulnerability, key, value);
        MergeGroups(ImprovementByAssistanceType, other.ImprovementByAssistanceType, (a, b) => a.Merge(b));
        foreach (var (key, value) in other.PlanStatuses) Increment(PlanStatuses, key, value);
        MergeGroups(AssistanceByType, other.AssistanceByType, (a, b) =>
        {
            a.Returnees += b.Returnees;
            a.Records += b.Records;
            a.AmountUsd += b.AmountUsd;
        });
        ReturneesAssisted += other.ReturneesAssisted;
    }

    private static T Group<T>(Dictionary<string, T> groups, string key) where T : new()
    {
        if (!groups.TryGetValue(key, out var group)) groups[key] = group = new T();
        return group;
    }

    private static void MergeGroups<T>(Dictionary<string, T> mine, Dictionary<string, T> theirs, Action<T, T> merge) where T : new()
    {
        foreach (var (key, value) in theirs) merge(Group(mine, key), value);
    }

    private static void Increment(Dictionary<string, long> counts, string key, long by) =>
        counts[key] = counts.GetValueOrDefault(key) + by;
}

[GenerateSerializer, Alias("AssistanceTypeTotals")]
public sealed class AssistanceTypeTotals
{
    [Id(0)] public long Records { get; set; }
    [Id(1)] public decimal AmountUsd { get; set; }

    /// <summary>Returnees with at least one record of the type: the n that small-cell suppression looks at.</summary>
    [Id(2)] public long Returnees { get; set; }
}
