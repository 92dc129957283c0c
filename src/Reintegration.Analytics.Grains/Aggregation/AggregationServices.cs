using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Reintegration.Analytics.Grains.Communities;
using Reintegration.Analytics.Grains.Returnees;

namespace Reintegration.Analytics.Grains.Aggregation;

public static class AggregationServices
{
    /// <summary>Grain locations cached per silo.</summary>
    public const int DirectoryCacheSize = 100_000;

    /// <summary>
    /// The services the aggregating grains need besides storage (the clock and <see cref="AggregateFreshness"/>), and the
    /// collection ages of returnee and community activations (<see cref="AggregationOptions.ReturneeIdleTime"/>,
    /// <see cref="AggregationOptions.CommunityIdleTime"/>).
    /// </summary>
    public static IServiceCollection AddAggregation(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AggregateFreshness>();
        services.AddOptions<GrainCollectionOptions>().Configure<IOptions<AggregationOptions>>((collection, aggregation) =>
        {
            var (returnee, community) = (aggregation.Value.ReturneeIdleTime, aggregation.Value.CommunityIdleTime);
            collection.ClassSpecificCollectionAge[typeof(ReturneeGrain).FullName!] = returnee;
            collection.ClassSpecificCollectionAge[typeof(CommunityGrain).FullName!] = community;
            // Orleans scans for idle activations once per quantum and requires every age to exceed it.
            var shortest = returnee < community ? returnee : community;
            if (collection.CollectionQuantum >= shortest) collection.CollectionQuantum = shortest / 2;
        });
        // Orleans caches the location of up to 1,000,000 recently called grains (about 230 bytes each); after an import
        // that is mostly returnees that left memory long ago. Locations only save a lookup for grains on other silos.
        services.Configure<GrainDirectoryOptions>(o => o.CacheSize = Math.Min(o.CacheSize, DirectoryCacheSize));
        return services;
    }
}
