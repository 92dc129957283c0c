using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Disclosure;
using Reintegration.Analytics.Domain.Indicators;
using Reintegration.Analytics.Domain.Vocabulary;
using G = Reintegration.Analytics.Domain.Snapshots.SnapshotGroups;

namespace Reintegration.Analytics.Domain.Snapshots;

/// <summary>
/// The rows of one unit of a snapshot before protection: each figure with the cell that decides whether it is
/// shown. Figures that publish the same returnees share a cell (a mean and its sustainable share, assistance
/// records and amounts of a type); a share of two published counts has no cell of its own and is shown with
/// both of them. Rendering waits until the whole table is protected (<see cref="SnapshotTable"/>).
/// </summary>
internal sealed class UnitCells
{
    private readonly int _minimumCellSize;
    private readonly List<Draft> _drafts = [];
    private readonly AdditiveRelations _relations = new();
    private readonly List<IReadOnlyList<((string Figure, string Group) Key, double Coefficient)>> _ties = [];

    public UnitCells(string level, string code, string name, string? country, string? region, int minimumCellSize)
    {
        (Level, Code, Name, Country, Region, _minimumCellSize) = (level, code, name, country, region, minimumCellSize);
    }

    public string Level { get; }
    public string Code { get; }
    public string Name { get; }
    public string? Country { get; }
    public string? Region { get; }

    /// <summary>
    /// The cell figure of a dimension's scores, <c>score_{dimension}</c>: the one definition that units and the figures read
    /// from their cells (<see cref="Aggregation.CellFigures"/>) share, made once rather than on every lookup.
    /// </summary>
    public static string ScoreFigure(string dimension) => ScoreFigures.GetValueOrDefault(dimension) ?? $"score_{dimension}";

    private static readonly Dictionary<string, string> ScoreFigures = Dimension.WithComposite.ToDictionary(d => d, d => $"score_{d}");
    private static readonly Dictionary<string, string> ScoreMean = Dimension.WithComposite.ToDictionary(d => d, d => $"score_{d}_mean");

    /// <summary>Cells by (figure, group); a parent's cell relates to its children's cells of the same key.</summary>
    public Dictionary<(string Figure, string Group), ProtectedCell> Cells { get; } = [];

    /// <summary>
    /// The children's hidden cells after the last bottom-up trial of the unit's family, and the unit's hidden cells it
    /// protected them against (<see cref="TopDownProtection.HideUnprotectable"/>): the family's protection, unless the family
    /// above hides more of the unit.
    /// </summary>
    public (HiddenCells Parent, Dictionary<string, HiddenCells> Children)? LastTrial { get; set; }

    /// <summary>The ties its children imply among the unit's cells (<see cref="ImpliedRelations"/>), by figure and group.</summary>
    public IReadOnlyList<IReadOnlyList<((string Figure, string Group) Key, double Coefficient)>> Ties => [.. _ties];

    /// <summary>
    /// Adds the ties the children imply to the unit's own relations: the family above then protects against them. Runs once,
    /// before the unit's family is protected (bottom up, so that the children carry their own ties already).
    /// </summary>
    public void AddTies(IReadOnlyList<UnitCells> children)
    {
        var keys = new Dictionary<ProtectedCell, (string, string)>(ReferenceEqualityComparer.Instance);
        foreach (var (key, cell) in Cells) keys[cell] = key;
        var ties = ImpliedRelations.Of([.. Cells.Values], _relations.Equations, children.Select(c => new ImpliedRelations.Child(
            c._relations.Equations, c.Cells.Select(x => (x.Value, Cells.GetValueOrDefault(x.Key))).ToList())).ToList());
        foreach (var tie in ties) AddTie(tie.Select(t => (keys[t.Cell], t.Coefficient)).ToList());
    }

    /// <summary>Adds a tie found before for the same figures.</summary>
    public void AddTie(IReadOnlyList<((string Figure, string Group) Key, double Coefficient)> tie)
    {
        _ties.Add(tie);
        _relations.AddTie(tie.Select(t => (Cells[t.Key], t.Coefficient)).ToList());
    }

    /// <summary>Adds the unit's own relations (its groups, follow-up statuses, assistance types) and, if asked, its bounds.</summary>
    public void AddTo(AdditiveRelations relations, bool withBounds) => relations.AddUnit(Cells.Values, _relations, withBounds);

    /// <summary>The cells protection hid, for outputs rendered from the unit's figures (<see cref="HiddenCells"/>).</summary>
    public HiddenCells Hidden() => new(Cells.Where(c => c.Value.Hidden).Select(c => c.Key).ToHashSet());

    /// <summary>Hides the given cells (a decision made before for the same figures).</summary>
    public void Hide(HiddenCells hidden)
    {
        foreach (var key in hidden.Cells) Cells[key].Hidden = true;
    }

    /// <summary>Takes a family's bottom-up decision made for the same figures: the parent's hidden cells and its ties.</summary>
    public void Reuse(ProtectionMemo.FamilyDecision decision)
    {
        Hide(decision.BottomUp);
        foreach (var tie in decision.Ties) AddTie(tie);
    }

    /// <summary>Marks every cell final: the unit's family is protected, and the levels below protect against it.</summary>
    public void Fix()
    {
        foreach (var cell in Cells.Values) cell.Fixed = true;
    }

    private sealed record Draft(string Indicator, string Group, double? Value, double? Numerator, double? Denominator, long? N,
        ProtectedCell? Cell, ProtectedCell[] Terms);

    /// <summary>Every figure of SPEC §2.4 that a summary gives, disaggregated by sex, age band and return type when asked.</summary>
    public void AddFigures(AggregateSummary summary, DateOnly today, bool disaggregated)
    {
        // Returnees by sex, age band and return type at every level (SPEC §2.4's breakdown); the other figures by group at
        // disaggregated levels only.
        var breakdown = Groups(summary);
        var groups = disaggregated ? breakdown : [];
        AddGroupFigure("returnees", summary, breakdown, s => Count("returnees", s.Group, s.Stats.Returnees));
        Count("surveyed", G.Total, summary.All.Surveyed);
        foreach (var dimension in Dimension.WithComposite)
            AddGroupFigure(ScoreFigure(dimension), summary, groups,
                s => Mean(ScoreMean[dimension], s.Group, s.Stats.Get(dimension), ScoreFigure(dimension)));
        foreach (var (group, stats) in Enumerate(summary, groups))
            Ratio("sustainable_share", group, stats.Sustainable, stats.Composite.Count, Cells[(ScoreFigure(Dimension.Composite), group)]);
        Mean("improvement_mean", G.Total, summary.All.Improvement, "improvement");
        var followUp = summary.All.FollowUpOn(today);
        AddFollowUp(followUp);
        // Every returnee is due, returned in the last 365 days (which a community's return pressure publishes) or dated up
        // to a day ahead: one exact relation, at every level so that the hierarchy relates these counts too. Figures that
        // no row shows but other rows give by subtraction are cells like any other.
        var recent = summary.All.RecentReturnsOn(today);
        Cell("future_returns", G.Total, summary.All.Returnees - followUp.Due - recent);
        _relations.Add(Cells[("returnees", G.Total)],
            [Cells[("followup_due", G.Total)], Cell("recent_returns", G.Total, recent), Cells[("future_returns", G.Total)]]);
        var remigration = Cell("remigration", G.Total, summary.All.RemigrationAnswered);
        Ratio("remigration_necessity_share", G.Total, summary.All.RemigrationNecessity, summary.All.RemigrationAnswered, remigration);
        AddPlan(summary);
        AddAssistance(summary);
        AddBounds(groups.Select(g => g.Group).Prepend(G.Total));
        AddDocumentCells(summary, today, groups);
    }

    /// <summary>
    /// Figures the live documents show and the tidy table does not (yet): returnees per vulnerability flag (flags overlap,
    /// so each is only a subset of the returnees); "what works" (per assistance type, the returnees with an improvement
    /// who received it and who did not: a partition of the improvement's n); and, for <c>/compare</c>'s group rows, surveyed,
    /// improvement, re-migration answers and follow-up due and covered per group. A vulnerability flag nobody has is left out,
    /// which is the same as a zero cell in every relation.
    /// </summary>
    private void AddDocumentCells(
        AggregateSummary summary, DateOnly today, List<(string Group, string Dimension, GroupStats Stats)> groups)
    {
        var returnees = Cells[("returnees", G.Total)];
        foreach (var (flag, count) in summary.ByVulnerability.Where(v => v.Value > 0))
            _relations.AddBound(Cell("vulnerable", G.Of(G.Vulnerability, flag), count), returnees);
        var improvement = Cells[("improvement", G.Total)];
        // Every type, whenever some returnee improved: a unit where nobody received a type still has returnees who did not,
        // and its parent's "not received" is the sum over every child.
        foreach (var type in summary.All.Improvement.Count > 0 ? AssistanceType.All : [])
        {
            var received = summary.ImprovementByAssistanceType.GetValueOrDefault(type)?.Count ?? 0;
            var (with, without) = (Cell("improvement", G.Of(G.Received, type), received),
                Cell("improvement", G.Of(G.NotReceived, type), summary.All.Improvement.Count - received));
            _relations.Add(improvement, [with, without]);
            _relations.AddBound(with, improvement);
            _relations.AddBound(without, improvement);
        }
        // /compare's group rows are country rows.
        if (groups.Count == 0 || Level != IndicatorCodebook.Country) return;
        var followUp = groups.ToDictionary(g => g.Group, g => g.Stats.FollowUpOn(today));
        foreach (var (figure, count) in new (string, Func<(string Group, GroupStats Stats), long>)[]
                 {
                     ("surveyed", g => g.Stats.Surveyed), ("improvement", g => g.Stats.Improvement.Count),
                     ("remigration", g => g.Stats.RemigrationAnswered), ("followup_due", g => followUp[g.Group].Due),
                     ("followup_covered", g => followUp[g.Group].Covered),
                 })
        {
            foreach (var group in groups) Cell(figure, group.Group, count((group.Group, group.Stats)));
            foreach (var dimension in groups.Select(g => g.Dimension).Distinct())
                _relations.Add(Cells[(figure, G.Total)],
                    groups.Where(g => g.Dimension == dimension).Select(g => Cells[(figure, g.Group)]).ToList());
        }
        foreach (var (group, _, _) in groups)
        {
            foreach (var figure in new[] { "surveyed", "improvement", "remigration", "followup_due" })
                _relations.AddBound(Cells[(figure, group)], Cells[("returnees", group)]);
            _relations.AddBound(Cells[("improvement", group)], Cells[("surveyed", group)]);
            _relations.AddBound(Cells[("remigration", group)], Cells[("surveyed", group)]);
            _relations.AddBound(Cells[("followup_covered", group)], Cells[("followup_due", group)]);
        }
    }

    /// <summary>
    /// Counts of subsets of another count's returnees: a hidden count must not be pinned between a shown subset and a shown
    /// superset of equal size. Every pair of the chains is recorded (not only neighbours), so that a hidden cell between
    /// them does not hide the pin.
    /// </summary>
    private void AddBounds(IEnumerable<string> groups)
    {
        void Bound(string subset, string superset, string group = G.Total) =>
            _relations.AddBound(Cells[(subset, group)], Cells[(superset, group)]);
        void Chain(params string[] figures)
        {
            for (var i = 1; i < figures.Length; i++)
                for (var j = 0; j < i; j++) Bound(figures[i], figures[j]);
        }
        foreach (var group in groups)
            foreach (var dimension in Dimension.WithComposite) Bound(ScoreFigure(dimension), "returnees", group);
        foreach (var dimension in Dimension.WithComposite.Where(d => d != Dimension.Composite))
            Chain("returnees", "surveyed", ScoreFigure(dimension));
        Chain("returnees", "surveyed", ScoreFigure(Dimension.Composite), "improvement");
        Chain("returnees", "surveyed", "remigration");
        Chain("returnees", "followup_open", "followup_open_due");
        foreach (var status in new[] { "followup_due", "followup_overdue", "followup_missed", "recent_returns" })
            Bound(status, "returnees");
        Chain(["returnees", .. PlanIndicators.Where(p => p.Indicator != "plan_dropped_out").Select(p => p.Indicator)]);
        Chain("returnees", "plan_eligible", "plan_dropped_out");
        Chain("returnees", "assistance");
        foreach (var type in AssistanceType.All)
        {
            _relations.AddBound(Cells[("assistance", G.Of(G.AssistanceType, type))], Cells[("assistance", G.Total)]);
            _relations.AddBound(Cells[("assistance", G.Of(G.AssistanceType, type))], Cells[("returnees", G.Total)]);
        }
    }

    public void AddCommunityIndices(CommunityReport report, DateOnly today)
    {
        var assessment = report.Assessment;
        Index("services_index", assessment?.ServicesIndex);
        Index("cohesion_index", assessment?.CohesionIndex);
        Index("joint_participation_share", assessment?.JointParticipationShare);
        var recent = report.Summary.All.RecentReturnsOn(today);
        var cell = Cells[("recent_returns", G.Total)];
        _drafts.Add(assessment is { Population: > 0 } a
            ? new Draft("return_pressure", G.Total, recent * 1000.0 / a.Population, recent, a.Population, recent, cell, [])
            : new Draft("return_pressure", G.Total, null, null, null, null, null, []));
    }

    public void Index(string indicator, double? value) => _drafts.Add(new Draft(indicator, G.Total, value, null, null, null, null, []));

    /// <summary>The rows of the unit, after the table's protection has run.</summary>
    public IEnumerable<SnapshotRow> Render()
    {
        foreach (var d in _drafts)
        {
            var shown = d.Cell is not { Hidden: true } && d.Terms.All(t => !t.Hidden);
            yield return shown
                ? new SnapshotRow(Level, Code, Name, Country, Region, d.Indicator, d.Group, d.Value, d.Numerator, d.Denominator, d.N, false)
                : new SnapshotRow(Level, Code, Name, Country, Region, d.Indicator, d.Group, null, null, null, null, true);
        }
    }

    private static List<(string Group, string Dimension, GroupStats Stats)> Groups(AggregateSummary summary)
    {
        var groups = new List<(string, string, GroupStats)>();
        void Add(string dimension, IReadOnlyList<string> values, Dictionary<string, GroupStats> byValue)
        {
            foreach (var value in values)
                groups.Add((G.Of(dimension, value), dimension, byValue.GetValueOrDefault(value) ?? new GroupStats()));
        }
        Add(G.Sex, Sex.All, summary.BySex);
        Add(G.AgeBand, AgeBand.All, summary.ByAgeBand);
        Add(G.ReturnType, ReturnType.All, summary.ByReturnType);
        return groups;
    }

    private static IEnumerable<(string Group, GroupStats Stats)> Enumerate(
        AggregateSummary summary, List<(string Group, string Dimension, GroupStats Stats)> groups) =>
        groups.Select(g => (g.Group, g.Stats)).Prepend((G.Total, summary.All));

    /// <summary>A figure for the total and each group; per dimension, the groups are parts of the total.</summary>
    private void AddGroupFigure(string figure, AggregateSummary summary,
        List<(string Group, string Dimension, GroupStats Stats)> groups, Action<(string Group, GroupStats Stats)> add)
    {
        foreach (var group in Enumerate(summary, groups)) add(group);
        foreach (var dimension in groups.Select(g => g.Dimension).Distinct())
            _relations.Add(Cells[(figure, G.Total)],
                groups.Where(g => g.Dimension == dimension).Select(g => Cells[(figure, g.Group)]).ToList());
    }

    private void AddFollowUp(FollowUpTotals followUp)
    {
        var due = Cell("followup_due", G.Total, followUp.Due);
        var covered = Cell("followup_covered", G.Total, followUp.Covered);
        _drafts.Add(new Draft("followup_coverage", G.Total, followUp.Due == 0 ? null : (double)followUp.Covered / followUp.Due,
            followUp.Covered, followUp.Due, followUp.Due, null, [covered, due]));
        Count("followup_due", G.Total, followUp.Due);
        Count("followup_covered", G.Total, followUp.Covered);
        Count("followup_open", G.Total, followUp.Open);
        Count("followup_overdue", G.Total, followUp.Overdue);
        Count("followup_missed", G.Total, followUp.Missed);
        // Due is covered, overdue, missed, or open on day 365 exactly (which no row shows, but subtraction gives).
        var openOnDueDay = Cell("followup_open_due", G.Total, followUp.Due - followUp.Covered - followUp.Overdue - followUp.Missed);
        _relations.Add(due, [covered, Cells[("followup_overdue", G.Total)], Cells[("followup_missed", G.Total)], openOnDueDay]);
    }

    private static readonly (string Indicator, string Status)[] PlanIndicators =
    [
        ("plan_eligible", PlanStatus.Eligible), ("plan_developed", PlanStatus.PlanDeveloped),
        ("plan_assistance_started", PlanStatus.AssistanceStarted), ("plan_assistance_completed", PlanStatus.AssistanceCompleted),
        ("plan_dropped_out", PlanStatus.DroppedOut),
    ];

    private void AddPlan(AggregateSummary summary)
    {
        foreach (var (indicator, status) in PlanIndicators) Count(indicator, G.Total, summary.PlanStatuses.GetValueOrDefault(status));
        var (eligible, completed) = (summary.PlanStatuses.GetValueOrDefault(PlanStatus.Eligible),
            summary.PlanStatuses.GetValueOrDefault(PlanStatus.AssistanceCompleted));
        _drafts.Add(new Draft("plan_completion_rate", G.Total, eligible == 0 ? null : (double)completed / eligible, completed, eligible,
            eligible, null, [Cells[("plan_assistance_completed", G.Total)], Cells[("plan_eligible", G.Total)]]));
    }

    /// <summary>Records and amounts by type add up to the totals; a type's cell is over the returnees who received it.</summary>
    private void AddAssistance(AggregateSummary summary)
    {
        var allRecords = summary.AssistanceByType.Values.Sum(t => t.Records);
        var total = Cells[("assistance", G.Total)] = Counted(summary.ReturneesAssisted, allRecords);
        _drafts.Add(new Draft("returnees_assisted", G.Total, summary.ReturneesAssisted, null, null, summary.ReturneesAssisted, total, []));
        var types = AssistanceType.All.Select(t => (Group: G.Of(G.AssistanceType, t), Totals: summary.AssistanceByType.GetValueOrDefault(t)
            ?? new AssistanceTypeTotals())).ToList();
        // Records and amounts add up over types; returnees do not (one may receive several types), so these cells count records.
        foreach (var (group, totals) in types) Cells[("assistance", group)] = Counted(totals.Returnees, totals.Records);
        _relations.Add(total, types.Select(t => Cells[("assistance", t.Group)]).ToList(), returneesOverlap: true);

        var records = types.Sum(t => t.Totals.Records);
        _drafts.Add(new Draft("assistance_records", G.Total, records, null, null, summary.ReturneesAssisted, total, []));
        foreach (var (group, totals) in types)
            _drafts.Add(new Draft("assistance_records", group, totals.Records, null, null, totals.Returnees,
                Cells[("assistance", group)], []));
        var usd = (double)types.Sum(t => t.Totals.AmountUsd);
        _drafts.Add(new Draft("assistance_usd", G.Total, usd, null, null, summary.ReturneesAssisted, total, []));
        foreach (var (group, totals) in types)
            _drafts.Add(new Draft("assistance_usd", group, (double)totals.AmountUsd, null, null, totals.Returnees,
                Cells[("assistance", group)], []));
    }

    /// <summary>
    /// A cell over <paramref name="returnees"/> (primary suppression) whose relations add up its <paramref name="units"/>.
    /// </summary>
    private ProtectedCell Counted(long returnees, long units) => ProtectedCell.Primary(returnees, _minimumCellSize, units);

    private ProtectedCell Cell(string figure, string group, long n)
    {
        if (!Cells.TryGetValue((figure, group), out var cell)) Cells[(figure, group)] = cell = ProtectedCell.Primary(n, _minimumCellSize);
        return cell;
    }

    private void Count(string indicator, string group, long count) =>
        _drafts.Add(new Draft(indicator, group, count, null, null, count, Cell(indicator, group, count), []));

    private void Mean(string indicator, string group, MeanAccumulator accumulator, string figure) =>
        _drafts.Add(new Draft(indicator, group, accumulator.Mean, accumulator.Sum, accumulator.Count, accumulator.Count,
            Cell(figure, group, accumulator.Count), []));

    private void Ratio(string indicator, string group, long numerator, long denominator, ProtectedCell cell) =>
        _drafts.Add(new Draft(indicator, group, denominator == 0 ? null : (double)numerator / denominator, numerator, denominator,
            denominator, cell, []));
}
