namespace Reintegration.Analytics.Domain.Reference;

/// <summary>Parses the simple <c>iso3,region[,name]</c> files used for the country list and custom region maps.</summary>
public static class CountryCsv
{
    public static IEnumerable<CountryInfo> Parse(string text, string source)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#') || (i == 0 && line.StartsWith("iso3", StringComparison.OrdinalIgnoreCase)))
                continue;
            var parts = line.Split(',', 3);
            if (parts.Length < 2)
                throw new FormatException($"{source} line {i + 1}: expected 'iso3,region[,name]' but found '{line}'");
            yield return new CountryInfo(parts[0].Trim(), parts[1].Trim(), parts.Length > 2 ? parts[2].Trim().Trim('"') : parts[0].Trim());
        }
    }
}
