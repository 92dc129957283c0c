using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Domain.Snapshots;
using Reintegration.Analytics.Domain.Validation;

namespace Reintegration.Analytics.Domain.Access;

/// <summary>
/// The countries and regions a caller reaches (SPEC §4): comma-separated ISO3 and region codes, e.g. <c>WCA,KEN</c>.
/// A region code reaches the region's own figures and every country the region map puts in it; a country code
/// reaches that country only, never its region's totals.
/// </summary>
public sealed class AccessScope
{
    private AccessScope(bool everything, IReadOnlyList<string> countries, IReadOnlyList<string> regions)
    {
        Everything = everything;
        Countries = countries;
        Regions = regions;
    }

    /// <summary>The reach of hq, admin and metrics.</summary>
    public static AccessScope Unlimited { get; } = new(true, [], []);

    public bool Everything { get; }
    public IReadOnlyList<string> Countries { get; }
    public IReadOnlyList<string> Regions { get; }

    public override string ToString() => Everything ? "*" : string.Join(",", Regions.Concat(Countries));

    public static (AccessScope? Scope, FieldError? Error) Parse(string? text, RegionMap regions)
    {
        var codes = (text ?? "").Split([',', ' '], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct().Order(StringComparer.Ordinal).ToList();
        if (codes.Count == 0) return (null, new FieldError("scope", "names no country or region"));
        var unknown = codes.FirstOrDefault(c => !regions.IsRegion(c) && !Reference.Countries.IsKnown(c));
        if (unknown is not null)
            return (null, new FieldError("scope",
                $"'{unknown}' is neither a region ({string.Join(", ", regions.Regions)}) nor an ISO 3166-1 alpha-3 country code"));
        return (new AccessScope(false, codes.Where(Reference.Countries.IsKnown).ToList(), codes.Where(regions.IsRegion).ToList()), null);
    }

    public bool CoversCountry(string country, RegionMap regions) =>
        Everything || Countries.Contains(country) || Regions.Contains(regions.RegionOf(country));

    public bool CoversRegion(string region) => Everything || Regions.Contains(region);

    /// <summary>A snapshot is readable when everything it holds is: the globe needs everything, regions and countries each.</summary>
    public bool CoversSnapshot(SnapshotScope snapshot, RegionMap regions) => snapshot.Kind switch
    {
        SnapshotScope.GlobalKind => Everything,
        SnapshotScope.RegionsKind => snapshot.Codes.All(CoversRegion),
        _ => snapshot.Codes.All(c => CoversCountry(c, regions)),
    };

    /// <summary>
    /// The snapshot a scoped caller gets when it names none: its regions, or its countries. A scope of both cannot be one
    /// snapshot (a snapshot's rows are regions with their countries, or countries alone), so the caller has to choose.
    /// </summary>
    public SnapshotScope? DefaultSnapshot() =>
        Everything ? SnapshotScope.Global
        : Countries.Count == 0 ? new SnapshotScope(SnapshotScope.RegionsKind, Regions)
        : Regions.Count == 0 ? new SnapshotScope(SnapshotScope.CountriesKind, Countries)
        : null;
}
