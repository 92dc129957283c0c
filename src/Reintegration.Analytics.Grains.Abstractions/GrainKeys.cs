using Orleans;
using Orleans.Runtime;

namespace Reintegration.Analytics.Grains;

/// <summary>
/// Grain keys carry a non-hex word prefix so that storage rows of different ids never collide
/// (Orleans' ADO.NET provider hashes string keys that look like hex numbers alike; see docs/ARCHITECTURE.md).
/// </summary>
public static class GrainKeys
{
    /// <summary>The key of the one live table (it holds the globe).</summary>
    public const string GlobalKey = "global";

    public static IReturneeGrain Returnee(this IGrainFactory grains, string caseId) =>
        Reference<IReturneeGrain>.Get(grains, $"returnee:{caseId}");

    public static ICommunityGrain Community(this IGrainFactory grains, string communityId) =>
        Reference<ICommunityGrain>.Get(grains, $"community:{communityId}");

    public static ICountryGrain Country(this IGrainFactory grains, string iso3) => Reference<ICountryGrain>.Get(grains, $"country:{iso3}");
    public static ILiveTableGrain LiveTable(this IGrainFactory grains) => Reference<ILiveTableGrain>.Get(grains, GlobalKey);

    /// <summary>
    /// Orleans' <c>GetGrain&lt;T&gt;(string)</c> resolves the interface's grain type by reading its
    /// attributes on every call: a tenth of the host's CPU in an ingest profile, where every record
    /// makes two references. The types are fixed per interface, so they are resolved once.
    /// </summary>
    private static class Reference<T> where T : IGrainWithStringKey
    {
        // A class, not a struct: a reference is published whole, so a concurrent first call never sees half of it.
        private sealed record Types(GrainType Grain, GrainInterfaceType Interface);

        private static Types? _types;

        public static T Get(IGrainFactory grains, string key)
        {
            var types = _types ??= Resolve(grains);
            return (T)grains.GetGrain(GrainId.Create(types.Grain, key), types.Interface);
        }

        private static Types Resolve(IGrainFactory grains)
        {
            var probe = (GrainReference)(object)grains.GetGrain<T>("type-probe");
            return new Types(probe.GrainId.Type, probe.InterfaceType);
        }
    }

    /// <summary>The id after the prefix, e.g. "SEN" for "country:SEN".</summary>
    public static string IdOf(string grainKey) => grainKey[(grainKey.IndexOf(':') + 1)..];
}
