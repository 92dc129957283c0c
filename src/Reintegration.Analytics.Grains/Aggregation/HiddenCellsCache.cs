using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Disclosure;

namespace Reintegration.Analytics.Grains.Aggregation;

/// <summary>
/// A unit's protected cells, worked out once per change of its figures and per day (follow-up statuses move with the
/// calendar), so that reads, scrapes and the read model do not protect the same figures again. A grain replaces its summary
/// (and assessment) objects when they change, so the objects themselves tell whether the cells still hold.
/// </summary>
internal sealed class HiddenCellsCache
{
    private (AggregateSummary Summary, object? Assessment, DateOnly Day)? _key;
    private HiddenCells? _hidden;

    public HiddenCells Get(AggregateSummary summary, object? assessment, DateOnly today, Func<HiddenCells> protect)
    {
        if (_hidden is null || _key is not var (s, a, d) || !ReferenceEquals(s, summary) || !ReferenceEquals(a, assessment)
            || d != today)
        {
            _hidden = protect();
            _key = (summary, assessment, today);
        }
        return _hidden;
    }
}
