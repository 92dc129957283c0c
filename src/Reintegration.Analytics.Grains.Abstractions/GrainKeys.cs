using Orleans;

namespace Reintegration.Analytics.Grains;

/// <summary>
/// Grain keys carry a non-hex word prefix so that storage rows of different ids never collide
/// (Orleans' ADO.NET provider hashes string keys that look like hex numbers alike; see docs/ARCHITECTURE.md).
/// </summary>
public static class GrainKeys
{
    public const string GlobalKey = "global";

    public static IReturneeGrain Returnee(this IGrainFactory grains, string caseId) => grains.GetGrain<IReturneeGrain>($"returnee:{caseId}");
    public static ICommunityGrain Community(this IGrainFactory grains, string communityId) => grains.GetGrain<ICommunityGrain>($"community:{communityId}");
    public static ICountryGrain Country(this IGrainFactory grains, string iso3) => grains.GetGrain<ICountryGrain>($"country:{iso3}");
    public static IRegionGrain Region(this IGrainFactory grains, string region) => grains.GetGrain<IRegionGrain>($"region:{region}");
    public static IGlobalGrain Global(this IGrainFactory grains) => grains.GetGrain<IGlobalGrain>(GlobalKey);

    /// <summary>The id after the prefix, e.g. "SEN" for "country:SEN".</summary>
    public static string IdOf(string grainKey) => grainKey[(grainKey.IndexOf(':') + 1)..];
}
