using System.Collections.Frozen;

namespace Reintegration.Analytics.Domain.Reference;

/// <summary>
/// Country → regional office area. The default assigns every ISO country to one of the nine
/// areas of SPEC §2.1; a custom map replaces it, and countries it does not name fall into
/// <see cref="Unassigned"/>.
/// </summary>
public sealed class RegionMap
{
    public const string Unassigned = "UNASSIGNED";
    public static readonly IReadOnlyList<string> DefaultRegions = ["WCA", "EHOA", "SAF", "MENA", "ASP", "EEA", "SEECA", "CNAC", "SAM"];

    private readonly FrozenDictionary<string, string> _regionByCountry;

    public RegionMap(IEnumerable<KeyValuePair<string, string>> regionByCountry)
    {
        _regionByCountry = regionByCountry.ToFrozenDictionary(StringComparer.Ordinal);
        Regions = _regionByCountry.Values.Append(Unassigned).Distinct().Order(StringComparer.Ordinal).ToArray();
    }

    public static RegionMap Default { get; } = new(Countries.All.Select(c => KeyValuePair.Create(c.Iso3, c.Region)));

    /// <summary>Builds a custom map from <c>iso3,region</c> lines, rejecting codes that are not ISO 3166-1 alpha-3 (or XKX).</summary>
    public static RegionMap FromCsv(string text, string source)
    {
        var entries = CountryCsv.Parse(text, source).ToList();
        var unknown = entries.Where(e => !Countries.IsKnown(e.Iso3)).Select(e => e.Iso3).ToList();
        if (unknown.Count > 0)
            throw new FormatException($"{source}: not ISO 3166-1 alpha-3 codes (nor XKX): {string.Join(", ", unknown)}");
        var twice = entries.GroupBy(e => e.Iso3).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (twice.Count > 0)
            throw new FormatException($"{source}: countries listed more than once (a country belongs to one region): {string.Join(", ", twice)}");
        return new RegionMap(entries.Select(e => KeyValuePair.Create(e.Iso3, e.Region.ToUpperInvariant())));
    }

    /// <summary>Every region a country can map to, including <see cref="Unassigned"/>.</summary>
    public IReadOnlyList<string> Regions { get; }

    public string RegionOf(string country) => _regionByCountry.GetValueOrDefault(country, Unassigned);

    public bool IsRegion(string region) => Regions.Contains(region);

    public IEnumerable<string> CountriesOf(string region) =>
        Countries.All.Select(c => c.Iso3).Where(c => RegionOf(c) == region);
}
