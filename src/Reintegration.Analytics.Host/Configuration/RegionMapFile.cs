using Reintegration.Analytics.Domain.Reference;

namespace Reintegration.Analytics.Host.Configuration;

/// <summary>
/// The country → region map: the built-in default, or a custom <c>iso3,region</c> CSV named by
/// <c>Regions:MapFile</c> that replaces it (unlisted countries then fall into UNASSIGNED).
/// </summary>
public static class RegionMapFile
{
    public const string Setting = "Regions:MapFile";

    public static RegionMap Load(IConfiguration configuration) =>
        configuration[Setting] is { Length: > 0 } path
            ? RegionMap.FromCsv(File.ReadAllText(path), path)
            : RegionMap.Default;
}
