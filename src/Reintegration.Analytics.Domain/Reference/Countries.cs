using System.Collections.Frozen;
using System.Reflection;

namespace Reintegration.Analytics.Domain.Reference;

/// <summary>
/// The countries the service knows (Reference/countries.csv), with each country's default regional
/// office area: the ISO 3166-1 alpha-3 list plus <c>XKX</c> (Kosovo), the user-assigned code the EU,
/// the World Bank and IOM's own statistics use (SPEC §2.1).
/// </summary>
public static class Countries
{
    private static readonly Lazy<FrozenDictionary<string, CountryInfo>> ByCode = new(Load);

    public static IReadOnlyCollection<CountryInfo> All => ByCode.Value.Values;

    /// <summary>An ISO 3166-1 alpha-3 code or XKX, in upper case.</summary>
    public static bool IsKnown(string? code) => code is not null && ByCode.Value.ContainsKey(code);

    public static CountryInfo? Find(string code) => ByCode.Value.GetValueOrDefault(code);

    private static FrozenDictionary<string, CountryInfo> Load()
    {
        using var stream = Assembly.GetExecutingAssembly()
            .GetManifestResourceStream("Reintegration.Analytics.Domain.countries.csv")
            ?? throw new InvalidOperationException("countries.csv is not embedded in the domain assembly");
        using var reader = new StreamReader(stream);
        return CountryCsv.Parse(reader.ReadToEnd(), "countries.csv")
            .ToFrozenDictionary(c => c.Iso3, StringComparer.Ordinal);
    }
}

public sealed record CountryInfo(string Iso3, string Region, string Name);
