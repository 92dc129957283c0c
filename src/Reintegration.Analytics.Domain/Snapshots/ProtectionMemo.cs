using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Disclosure;

namespace Reintegration.Analytics.Domain.Snapshots;

/// <summary>
/// What each family (a country with its communities, a region with its countries) decided when the programme was last
/// protected, so that protecting it again after a few countries changed redoes only their families, their regions' and the
/// globe's. A family's decisions are a function of its children's figures, the day and k, and of the cells the family above
/// fixed in its parent: a country's children are its communities' reports (an id and version fix a report's content), a
/// region's are its countries' decisions (the same decision object for the same figures). One memo per live table, whose
/// builds run one at a time; within a build, families protected in parallel may look decisions up (<see cref="Find"/>,
/// <see cref="Below"/>), and decisions are kept from one thread.
/// </summary>
public sealed class ProtectionMemo
{
    private Dictionary<string, FamilyDecision> _families = new(StringComparer.Ordinal);
    private Dictionary<string, FamilyDecision> _next = new(StringComparer.Ordinal);
    private readonly List<PreparedFamily> _offered = [];
    private Dictionary<string, FamilyDecision> _prepared = new(StringComparer.Ordinal);
    private (DateOnly Day, int K) _of;
    private int _reused;
    private int _missed;
    private List<string> _missedFamilies = [];

    /// <summary>Which protection this is (decisions taken in an attempt before, in the same protection, count as neither).</summary>
    internal int Build { get; private set; }

    /// <summary>How many families the last protection took from the memo, and how many it protected again (over its attempts).</summary>
    public (int Reused, int Protected) LastBuild { get; private set; }

    /// <summary>The parents (region and country codes) whose families the last protection protected again, sorted.</summary>
    public IReadOnlyList<string> LastProtectedAgain { get; private set; } = [];

    internal sealed class FamilyDecision(IReadOnlyList<object> children, AggregateSummary summary, HiddenCells first,
        HiddenCells bottomUp, IReadOnlyList<IReadOnlyList<((string Figure, string Group) Key, double Coefficient)>> ties)
    {
        /// <summary>What the family's children were: decisions hold while these are equal.</summary>
        public IReadOnlyList<object> Children { get; } = children;

        /// <summary>The merge of the children's summaries (merged once per change of them).</summary>
        public AggregateSummary Summary { get; } = summary;

        /// <summary>The parent's cells hidden before the trial (a protection before found the family above hid them).</summary>
        public HiddenCells First { get; } = first;

        /// <summary>The parent's hidden cells after the family's bottom-up trial (<c>TopDownProtection.HideUnprotectable</c>).</summary>
        public HiddenCells BottomUp { get; } = bottomUp;

        /// <summary>
        /// The parent's cells among <paramref name="hidden"/> that its own family's trial did not hide: what the family above
        /// hid of it beyond (partners of other units' cells).
        /// </summary>
        public HashSet<(string Figure, string Group)> HiddenBeyondBottomUp(HiddenCells hidden) =>
            hidden.Cells.Where(c => !BottomUp.Cells.Contains(c)).ToHashSet();

        /// <summary>The ties the children imply among the parent's cells (<see cref="ImpliedRelations"/>).</summary>
        public IReadOnlyList<IReadOnlyList<((string Figure, string Group) Key, double Coefficient)>> Ties { get; } = ties;

        /// <summary>
        /// The parent's cells as the family above fixed them, the children's hidden cells under them, and the parent's cells
        /// hidden beyond the trial if the children were left exposed.
        /// </summary>
        public TopDownDecision? TopDown { get; set; }
    }

    internal sealed record TopDownDecision(HiddenCells Above, Dictionary<string, HiddenCells> Children, HiddenCells? Exposing, int Build);

    /// <summary>
    /// Hands a family prepared beside the protections to the next one, which takes it if the country it protects has those
    /// very reports (and the day and k are the same). Only between protections: one runs on its own threads.
    /// </summary>
    public void Offer(PreparedFamily family) => _offered.Add(family);

    /// <summary>Starts a protection: decisions of another day or k are forgotten; families offered meanwhile are taken.</summary>
    internal void Begin(DateOnly day, int minimumCellSize)
    {
        if (_of != (day, minimumCellSize)) _families.Clear();
        _of = (day, minimumCellSize);
        // Beside the last decisions, not over them: a family offered for other reports must not cost one that holds.
        _prepared = new(StringComparer.Ordinal);
        foreach (var family in _offered.Where(f => (f.Day, f.MinimumCellSize) == _of)) _prepared[family.Key] = family.Decision;
        _offered.Clear();
        _next = new(StringComparer.Ordinal);
        (_reused, _missed, _missedFamilies) = (0, 0, []);
        Build++;
    }

    /// <summary>
    /// The decision of a family (key: level and code) with the given parent cells hidden first, if its children are those it
    /// was made for: one kept by this protection (an attempt before, see <c>ProtectedProgramme.Build</c>), the last, or one
    /// prepared beside them and offered (<see cref="Offer"/>).
    /// </summary>
    internal FamilyDecision? Find(string key, IReadOnlyList<object> children, HiddenCells first)
    {
        var keyed = Keyed(key, first);
        return For(_next) ?? For(_families) ?? For(_prepared);

        FamilyDecision? For(Dictionary<string, FamilyDecision> decisions) =>
            decisions.TryGetValue(keyed, out var decision) && decision.Children.SequenceEqual(children) ? decision : null;
    }

    internal void Keep(string key, FamilyDecision decision) => _next[Keyed(key, decision.First)] = decision;

    private static string Keyed(string key, HiddenCells first) => first.Cells.Count == 0
        ? key
        : $"{key}|{string.Join(';', first.Cells.Select(c => $"{c.Figure}/{c.Group}").Order(StringComparer.Ordinal))}";

    /// <summary>The decisions under <paramref name="above"/> if they were taken under it.</summary>
    internal TopDownDecision? Below(string parent, FamilyDecision decision, HiddenCells above)
    {
        if (decision.TopDown is not { } known || !known.Above.Cells.SetEquals(above.Cells))
        {
            Interlocked.Increment(ref _missed);
            lock (_missedFamilies) _missedFamilies.Add(parent);
            return null;
        }
        if (known.Build != Build) Interlocked.Increment(ref _reused);
        return known;
    }

    /// <summary>Ends a protection: families that are gone are forgotten.</summary>
    internal void End()
    {
        LastBuild = (_reused, _missed);
        LastProtectedAgain = [.. _missedFamilies.Distinct().Order(StringComparer.Ordinal)];
        _families = _next;
        _prepared = new(StringComparer.Ordinal);
    }
}
