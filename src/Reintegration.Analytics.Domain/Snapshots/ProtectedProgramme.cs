using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Disclosure;
using Reintegration.Analytics.Domain.Indicators;
using Reintegration.Analytics.Domain.Reference;

namespace Reintegration.Analytics.Domain.Snapshots;

/// <summary>
/// A whole programme protected as one table (SPEC §4): every unit's report with the cells protection hides in it. Every
/// parent is the merge of its children here, so a country's numerators and denominators are exactly the sums of its
/// communities'. Primary suppression below k, then complementary suppression family by family, top down
/// (<see cref="TopDownProtection"/>): the globe with its regions, each region with its countries, each country with its
/// communities, so that no hidden figure is the difference of figures shown by any document of the programme (a community
/// table against its country, countries against their region). Snapshots render their rows from it and the live documents
/// their figures, so both hide the same cells for the same data.
/// </summary>
public sealed class ProtectedProgramme
{
    public const string GlobalCode = "global";

    private readonly Dictionary<string, ProtectedReport<CommunityReport>> _communities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ProtectedReport<CommunityReport>>> _communitiesByCountry = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProtectedReport<CountryReport>> _countries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProtectedReport<RegionReport>> _regions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HiddenCells> _hiddenByRegion = new(StringComparer.Ordinal);

    private ProtectedProgramme(DateOnly day, DateTimeOffset? asOf) => (Day, AsOf) = (day, asOf);

    /// <summary>The day the cells were protected for (follow-up statuses move with the calendar).</summary>
    public DateOnly Day { get; }

    /// <summary>When the figures were current: every change reported before it is in them (see the live table's build).</summary>
    public DateTimeOffset? AsOf { get; }

    public ProtectedReport<GlobalReport> Global { get; private set; } = null!;

    public IReadOnlyDictionary<string, ProtectedReport<RegionReport>> Regions => _regions;
    public IReadOnlyDictionary<string, ProtectedReport<CountryReport>> Countries => _countries;
    public IReadOnlyDictionary<string, ProtectedReport<CommunityReport>> Communities => _communities;

    /// <summary>
    /// The country's cells its region's family hid beyond what its own family's bottom-up protection hid (partners of
    /// other countries' cells): what a family prepared for its next figures is likely to be published with.
    /// </summary>
    public HiddenCells HiddenByRegion(string country) => _hiddenByRegion.GetValueOrDefault(country) ?? HiddenCells.None;

    /// <summary>A country's communities in id order (none for a country without data).</summary>
    public IReadOnlyList<ProtectedReport<CommunityReport>> CommunitiesOf(string country) =>
        _communitiesByCountry.TryGetValue(country, out var list) ? list : [];

    /// <param name="countries">Every country of the programme with its communities: protection starts from the globe.</param>
    /// <param name="asOf">When the figures were read, which the reports carry (documents show it).</param>
    /// <param name="memo">
    /// The decisions of the last protection of the same programme (the live table keeps one): families whose inputs are
    /// unchanged are not protected again. The result is the same with or without it.
    /// </param>
    /// <param name="parallelism">
    /// How many country families are protected at once (−1: as many as the machine runs). The result is the same; the live
    /// table protects one at a time, so that a large import keeps the other core.
    /// </param>
    public static ProtectedProgramme Protect(
        IReadOnlyList<SnapshotCountry> countries, DateOnly today, int minimumCellSize, ProtectionMemo? memo = null,
        DateTimeOffset? asOf = null, int parallelism = -1) =>
        Build(countries, today, minimumCellSize, memo, asOf, parallelism).Programme;

    /// <summary>
    /// Protects one country's family bottom up, as a protection of the programme would (its cells its communities cannot
    /// be protected against), and its communities under the cells its region's family is expected to publish: those, and
    /// <paramref name="hiddenByRegion"/> (what the region hid beyond them last time, <see cref="HiddenByRegion"/>). For a
    /// protection with a memo to take (<see cref="ProtectionMemo.Offer"/>), which takes the communities' cells only if the
    /// region publishes the country so. Safe beside a running protection: it touches no memo.
    /// </summary>
    public static PreparedFamily Prepare(
        SnapshotCountry country, DateOnly today, int minimumCellSize, HiddenCells? hiddenByRegion = null)
    {
        var family = BottomUp(country, today, minimumCellSize, memo: null, HiddenCells.None);
        var decision = family.Decision!;
        var (unit, trial) = (family.Unit, TopDownProtection.StandingTrial(family.Unit));
        // The hint comes from the last table: cells the country no longer has are not hidden.
        var extra = decision.HiddenBeyondBottomUp(hiddenByRegion ?? HiddenCells.None);
        extra.RemoveWhere(c => !unit.Cells.ContainsKey(c));
        if (extra.Count == 0)
        {
            // The trial's hidden cells stand while the region's family publishes the country as the trial did.
            if (trial is not null) decision.TopDown = new(decision.BottomUp, trial, null, Build: 0);
        }
        else
        {
            // As a protection would if the region hid these again: the communities protected under the country as published.
            unit.Hide(new HiddenCells(extra));
            unit.Fix();
            decision.TopDown = ProtectUnder(unit, family.Communities(minimumCellSize, today), decision, build: 0);
        }
        return new(country, CountryFamily.Key(country.Country), today, minimumCellSize, decision);
    }

    /// <summary>
    /// The protected programme and, without a memo, its units' cells (global, regions, then each country followed by its
    /// communities) for a snapshot's rows.
    /// </summary>
    internal static (ProtectedProgramme Programme, IReadOnlyList<UnitCells> Units) Build(
        IReadOnlyList<SnapshotCountry> countries, DateOnly today, int minimumCellSize, ProtectionMemo? memo = null,
        DateTimeOffset? asOf = null, int parallelism = -1)
    {
        // A family above can hide more of a parent than the parent's bottom-up trial did, and the children may then be
        // unprotectable (the cells the family above hid beside others need partners among children whose figures are public).
        // Such a parent's extra hidden cells are then hidden before its trial, and the programme protected again: the trial
        // hides what else the children need. Every attempt is a function of the figures, so the memo's path is the same.
        var hiddenFirst = new Dictionary<string, HashSet<(string Figure, string Group)>>(StringComparer.Ordinal);
        // The memo keeps every attempt's decisions (keyed by the cells hidden first), so the next build's attempts reuse them.
        memo?.Begin(today, minimumCellSize);
        for (var attempt = 1; ; attempt++)
        {
            var (programme, units, exposing) = Attempt(countries, today, minimumCellSize, memo, asOf, parallelism, hiddenFirst);
            var grew = false;
            foreach (var (family, cells) in exposing)
            {
                if (!hiddenFirst.TryGetValue(family, out var first)) hiddenFirst[family] = first = [];
                foreach (var cell in cells.Cells) grew |= first.Add(cell);
            }
            if (grew && attempt < MaxAttempts) continue;
            memo?.End();
            return (programme, units);
        }
    }

    /// <summary>How many times a programme is protected at most: each attempt hides more first, so it ends anyway.</summary>
    private const int MaxAttempts = 8;

    private static (ProtectedProgramme Programme, IReadOnlyList<UnitCells> Units, Dictionary<string, HiddenCells> Exposing) Attempt(
        IReadOnlyList<SnapshotCountry> countries, DateOnly today, int minimumCellSize, ProtectionMemo? memo, DateTimeOffset? asOf,
        int parallelism, Dictionary<string, HashSet<(string Figure, string Group)>> hiddenFirst)
    {
        var programme = new ProtectedProgramme(today, asOf);
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism };

        // Country families are independent of each other until their regions' families: protected in parallel, the memo
        // read during and written after, in country order.
        var ordered = countries.OrderBy(c => c.Country, StringComparer.Ordinal).ToList();
        var families = new CountryFamily[ordered.Count];
        // A copy: decisions keep it, and the next attempt may hide more first.
        HiddenCells First(string family) => hiddenFirst.TryGetValue(family, out var cells) ? new([.. cells]) : HiddenCells.None;
        Parallel.For(0, ordered.Count, options,
            i => families[i] = BottomUp(ordered[i], today, minimumCellSize, memo, First(CountryFamily.Key(ordered[i].Country))));
        foreach (var family in families) memo?.Keep(CountryFamily.Key(family.Country.Country), family.Decision!);

        var regionFamilies = new List<RegionFamily>();
        foreach (var region in families.GroupBy(c => c.Country.Region).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var children = region.Select(c => (object)c.Decision!).ToList();
            var first = First(RegionFamily.Key(region.Key));
            var decision = memo?.Find(RegionFamily.Key(region.Key), children, first);
            var summary = decision?.Summary ?? AggregateSummary.MergeAll(region.Select(c => c.Report.Summary));
            var unit = new UnitCells(IndicatorCodebook.Region, region.Key, region.Key, null, region.Key, minimumCellSize);
            unit.AddFigures(summary, today, disaggregated: true);
            var report = new RegionReport(region.Key, summary, region.Select(c => c.Report.Country).ToList(), 0,
                region.Sum(c => c.Report.Pending));
            var countryUnits = region.Select(c => c.Unit).ToList();
            if (decision is null)
            {
                unit.Hide(first);
                TopDownProtection.HideUnprotectable(unit, countryUnits);
                decision = new(children, summary, first, unit.Hidden(), unit.Ties);
            }
            else
                unit.Reuse(decision);
            memo?.Keep(RegionFamily.Key(region.Key), decision);
            regionFamilies.Add(new(unit, report, countryUnits, decision));
        }
        var global = new UnitCells(IndicatorCodebook.Global, GlobalCode, "Global", null, null, minimumCellSize);
        var globalReport = new GlobalReport(AggregateSummary.MergeAll(regionFamilies.Select(r => r.Report.Summary)),
            regionFamilies.Select(r => r.Report.Region).ToList(), families.Select(c => c.Report.Country).ToList(),
            families.Sum(c => c.Report.Pending));
        global.AddFigures(globalReport.Summary, today, disaggregated: true);

        var regionUnits = regionFamilies.Select(r => r.Unit).ToList();
        TopDownProtection.HideUnprotectable(global, regionUnits);
        TopDownProtection.ProtectFamily(global, regionUnits, root: true);
        var exposing = new Dictionary<string, HiddenCells>(StringComparer.Ordinal);
        foreach (var region in regionFamilies)
            if (ProtectBelow(region.Unit, region.Countries, region.Decision, memo, () => region.Countries).Exposing is { } cells)
                exposing[RegionFamily.Key(region.Report.Region)] = cells;
        Parallel.ForEach(families, options, family => (family.CommunityHidden, family.Exposing) = ProtectBelow(
            family.Unit, family.KeptCommunities, family.Decision!, memo, () => family.Communities(minimumCellSize, today)));
        foreach (var family in families.Where(f => f.Exposing is not null))
            exposing[CountryFamily.Key(family.Country.Country)] = family.Exposing!;

        programme.Global = new(globalReport, global.Hidden(), today, asOf);
        foreach (var region in regionFamilies)
            programme._regions[region.Report.Region] = new(region.Report, region.Unit.Hidden(), today, asOf);
        var units = new List<UnitCells> { global };
        units.AddRange(regionUnits);
        foreach (var family in families)
        {
            var country = family.Report.Country;
            var hidden = family.Unit.Hidden();
            programme._countries[country] = new(family.Report, hidden, today, asOf);
            var byRegion = family.Decision!.HiddenBeyondBottomUp(hidden);
            if (byRegion.Count > 0) programme._hiddenByRegion[country] = new(byRegion);
            var communities = family.Reports
                .Select(r => new ProtectedReport<CommunityReport>(r, family.CommunityHidden![r.CommunityId], today, asOf)).ToList();
            programme._communitiesByCountry[country] = communities;
            foreach (var community in communities) programme._communities[community.Report.CommunityId] = community;
            if (memo is not null) continue;
            units.Add(family.Unit);
            units.AddRange(family.Communities(minimumCellSize, today));
        }
        return (programme, units, exposing);
    }

    /// <summary>
    /// A country's family built from its communities' reports, with the country's cells its communities cannot be protected
    /// against once shown hidden (bottom up), or those of the memo's decision when its communities are those it was made for.
    /// </summary>
    private static CountryFamily BottomUp(
        SnapshotCountry country, DateOnly today, int minimumCellSize, ProtectionMemo? memo, HiddenCells first)
    {
        // Sums in one fixed order, so the same data always give the same bits (and a diff shows no rounding noise).
        var reports = country.Communities.OrderBy(r => r.CommunityId, StringComparer.Ordinal).ToList();
        var children = reports.Select(r => (object)(r.CommunityId, r.Version)).ToList();
        var decision = memo?.Find(CountryFamily.Key(country.Country), children, first);
        var summary = decision?.Summary ?? AggregateSummary.MergeAll(reports.Select(r => r.Summary));
        var unit = new UnitCells(IndicatorCodebook.Country, country.Country,
            Reference.Countries.Find(country.Country)?.Name ?? country.Country, country.Country, country.Region, minimumCellSize);
        unit.AddFigures(summary, today, disaggregated: true);
        unit.Index("structural_index", country.Assessment?.StructuralIndex);
        var family = new CountryFamily(country, reports, unit,
            new CountryReport(country.Country, summary, reports.Count, country.AssessmentId, country.Assessment, 0, country.Pending),
            keepCells: memo is null);
        // Bottom up: the country's cells its communities cannot be protected against once shown.
        if (decision is null)
        {
            unit.Hide(first);
            TopDownProtection.HideUnprotectable(unit, family.Communities(minimumCellSize, today));
            decision = new(children, summary, first, unit.Hidden(), unit.Ties);
        }
        else
            unit.Reuse(decision);
        family.Decision = decision;
        return family;
    }

    /// <summary>
    /// Top down: protects a family whose parent the family above has fixed, or takes its children's hidden cells from the
    /// memo when the parent's cells and the children are those they were decided under, or from the family's bottom-up trial
    /// when the family above published the parent as the trial did. Leaves the children that are built fixed (they are parents
    /// of the families below, or a snapshot's rows) and returns their hidden cells by code, and the parent's cells the family
    /// above hid beyond the trial if the children could not be protected under them.
    /// </summary>
    private static (Dictionary<string, HiddenCells> Hidden, HiddenCells? Exposing) ProtectBelow(UnitCells parent,
        List<UnitCells>? built, ProtectionMemo.FamilyDecision decision, ProtectionMemo? memo, Func<List<UnitCells>> children)
    {
        var above = parent.Hidden();
        var trial = TopDownProtection.StandingTrial(parent);
        if (memo?.Below(parent.Code, decision, above) is { } decided)
        {
            Take(decided.Children);
            return (decided.Children, decided.Exposing);
        }
        if (trial is not null)
        {
            Take(trial);
            decision.TopDown = new(above, trial, null, memo?.Build ?? 0);
            return (trial, null);
        }
        decision.TopDown = ProtectUnder(parent, children(), decision, memo?.Build ?? 0);
        return (decision.TopDown.Children, decision.TopDown.Exposing);

        void Take(Dictionary<string, HiddenCells> known)
        {
            // Country cells fixed as decided, before their own families are protected against them.
            foreach (var child in built ?? []) child.Hide(known[child.Code]);
            foreach (var child in built ?? []) child.Fix();
        }
    }

    /// <summary>
    /// Protects the children against their parent as the family above fixed it; the parent's cells that family hid beyond
    /// the bottom-up trial are exposing if the children are left exposed under them.
    /// </summary>
    private static ProtectionMemo.TopDownDecision ProtectUnder(
        UnitCells parent, List<UnitCells> children, ProtectionMemo.FamilyDecision decision, int build)
    {
        var above = parent.Hidden();
        var exposed = TopDownProtection.ProtectFamily(parent, children, root: false);
        var hidden = children.ToDictionary(c => c.Code, c => c.Hidden(), StringComparer.Ordinal);
        var exposing = exposed ? new HiddenCells(decision.HiddenBeyondBottomUp(above)) : null;
        return new(above, hidden, exposing is { Cells.Count: > 0 } ? exposing : null, build);
    }

    private sealed record RegionFamily(
        UnitCells Unit, RegionReport Report, List<UnitCells> Countries, ProtectionMemo.FamilyDecision Decision)
    {
        /// <summary>The family's key in the memo and among the cells hidden first.</summary>
        public static string Key(string region) => $"region:{region}";
    }

    /// <summary>
    /// A country with its communities, whose cells are built only when its family is protected (not from a memo). A snapshot
    /// keeps them for its rows; the live table builds them again for the top-down step rather than hold every community's
    /// cells between the two steps (hundreds of MiB on a large programme, while an import keeps the host busy), and does not
    /// build them again when the bottom-up trial's hidden cells stand (<see cref="TopDownProtection.StandingTrial"/>).
    /// </summary>
    private sealed class CountryFamily(
        SnapshotCountry country, IReadOnlyList<CommunityReport> reports, UnitCells unit, CountryReport report, bool keepCells)
    {
        private List<UnitCells>? _communities;

        /// <summary>The family's key in the memo and among the cells hidden first.</summary>
        public static string Key(string country) => $"country:{country}";

        public SnapshotCountry Country { get; } = country;
        public IReadOnlyList<CommunityReport> Reports { get; } = reports;
        public UnitCells Unit { get; } = unit;
        public CountryReport Report { get; } = report;
        public ProtectionMemo.FamilyDecision? Decision { get; set; }
        public Dictionary<string, HiddenCells>? CommunityHidden { get; set; }

        /// <summary>The country's cells its region's family hid beyond its trial, if its communities were left exposed.</summary>
        public HiddenCells? Exposing { get; set; }

        /// <summary>The communities' cells if they are kept (for a snapshot's rows).</summary>
        public List<UnitCells>? KeptCommunities => _communities;

        /// <summary>The communities' cells as built (the bottom-up trial leaves them so), kept if asked.</summary>
        public List<UnitCells> Communities(int minimumCellSize, DateOnly today)
        {
            var cells = _communities ?? Reports.Select(report =>
            {
                var community = new UnitCells(IndicatorCodebook.Community, report.CommunityId, report.Profile.Name, Country.Country,
                    Country.Region, minimumCellSize);
                community.AddFigures(report.Summary, today, disaggregated: false);
                community.AddCommunityIndices(report, today);
                return community;
            }).ToList();
            if (keepCells) _communities = cells;
            return cells;
        }
    }
}
