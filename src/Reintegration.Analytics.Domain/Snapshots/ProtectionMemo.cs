using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Disclosure;

namespace Reintegration.Analytics.Domain.Snapshots;

/// <summary>
/// What each country's family decided when the programme was last protected, so that protecting it again after a few
/// countries changed redoes only their families (and the small families of regions and the globe). A country's family is a
/// function of its communities' reports (a report's id and version fix its content), the day and k, and of the cells its
/// region's family fixed in the country: while those are the same, so are its decisions. One memo per live table; not
/// thread-safe (its builds run one at a time).
/// </summary>
public sealed class ProtectionMemo
{
    private Dictionary<string, CountryDecision> _countries = new(StringComparer.Ordinal);
    private Dictionary<string, CountryDecision> _next = new(StringComparer.Ordinal);
    private (DateOnly Day, int K) _of;

    /// <summary>How many countries the last protection took from the memo, and how many it protected again.</summary>
    public (int Reused, int Protected) LastBuild { get; private set; }

    internal sealed class CountryDecision(IReadOnlyList<CommunityReport> reports, AggregateSummary summary, HiddenCells bottomUp)
    {
        public IReadOnlyList<CommunityReport> Reports { get; } = reports;

        /// <summary>The merge of the communities' summaries (merged once per change of them).</summary>
        public AggregateSummary Summary { get; } = summary;

        /// <summary>The country's hidden cells after its family's bottom-up trial (<c>TopDownProtection.HideUnprotectable</c>).</summary>
        public HiddenCells BottomUp { get; } = bottomUp;

        /// <summary>The country's cells as its region's family fixed them, and the communities' hidden cells under them.</summary>
        public (HiddenCells Above, Dictionary<string, HiddenCells> Communities)? TopDown { get; set; }

        public bool Holds(IReadOnlyList<CommunityReport> reports) =>
            reports.Count == Reports.Count
            && reports.Zip(Reports).All(p => p.First.CommunityId == p.Second.CommunityId && p.First.Version == p.Second.Version);
    }

    /// <summary>Starts a protection: decisions of another day or k are forgotten.</summary>
    internal void Begin(DateOnly day, int minimumCellSize)
    {
        if (_of != (day, minimumCellSize)) _countries.Clear();
        _of = (day, minimumCellSize);
        _next = new(StringComparer.Ordinal);
    }

    /// <summary>The decision of the country's family if its communities' reports are those it was made for.</summary>
    internal CountryDecision? Find(string country, IReadOnlyList<CommunityReport> reports) =>
        _countries.TryGetValue(country, out var decision) && decision.Holds(reports) ? decision : null;

    internal void Keep(string country, CountryDecision decision) => _next[country] = decision;

    /// <summary>Ends a protection: countries that are gone are forgotten.</summary>
    internal void End(int reused)
    {
        LastBuild = (reused, _next.Count - reused);
        _countries = _next;
    }
}
