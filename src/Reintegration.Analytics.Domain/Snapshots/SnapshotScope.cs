using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Domain.Validation;

namespace Reintegration.Analytics.Domain.Snapshots;

/// <summary>
/// What a snapshot covers: <c>global</c> (every unit, with region and global rows), regions (<c>WCA,EHOA</c>: their
/// countries and communities with region rows) or countries (<c>SEN,GIN</c>: countries and communities only, since a
/// region row over part of a region would mislead). Written as in the request and in access scopes: comma-separated codes.
/// </summary>
public sealed record SnapshotScope(string Kind, IReadOnlyList<string> Codes)
{
    public const string GlobalKind = "global";
    public const string RegionsKind = "regions";
    public const string CountriesKind = "countries";

    public static readonly SnapshotScope Global = new(GlobalKind, []);

    public bool WithRegions => Kind != CountriesKind;
    public bool WithGlobal => Kind == GlobalKind;

    /// <summary>Whether the scope covers a country (<paramref name="country"/> null: a region's own row) of a region.</summary>
    public bool Covers(string? country, string region) => Kind switch
    {
        GlobalKind => true,
        RegionsKind => Codes.Contains(region),
        _ => country is not null && Codes.Contains(country),
    };

    public override string ToString() => Kind == GlobalKind ? GlobalKind : string.Join(",", Codes);

    /// <summary>Reads a scope; null text is the global scope. Region and country codes cannot be mixed.</summary>
    public static (SnapshotScope? Scope, FieldError? Error) Parse(string? text, RegionMap regions)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim() == GlobalKind) return (Global, null);
        var codes = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct().Order(StringComparer.Ordinal).ToList();
        if (codes.Count > 0 && codes.All(regions.IsRegion)) return (new SnapshotScope(RegionsKind, codes), null);
        if (codes.Count > 0 && codes.All(Countries.IsKnown)) return (new SnapshotScope(CountriesKind, codes), null);
        var unknown = codes.FirstOrDefault(c => !regions.IsRegion(c) && !Countries.IsKnown(c));
        return (null, new FieldError("scope", unknown is not null
            ? $"'{unknown}' is neither a region ({string.Join(", ", regions.Regions)}) nor an ISO 3166-1 alpha-3 country code"
            : "give 'global', region codes or country codes, not regions and countries together"));
    }
}
