using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Reintegration.Analytics.Grains.Returnees;

namespace Reintegration.Analytics.Grains.Aggregation;

public static class AggregationServices
{
    /// <summary>Grain locations cached per silo.</summary>
    public const int DirectoryCacheSize = 100_000;

    /// <summary>
    /// The services the aggregating grains need besides storage (the clock and <see cref="AggregateFreshness"/>), and the
    /// collection age of returnee activations (<see cref="AggregationOptions.ReturneeIdleTime"/>).
    /// </summary>
    public static IServiceCollection AddAggregation(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AggregateFreshness>();
        services.AddOptions<GrainCollectionOptions>().Configure<IOptions<AggregationOptions>>((collection, aggregation) =>
        {
            var idle = aggregation.Value.ReturneeIdleTime;
            collection.ClassSpecificCollectionAge[typeof(ReturneeGrain).FullName!] = idle;
            // Orleans scans for idle activations once per quantum and requires every age to exceed it.
            if (collection.CollectionQuantum >= idle) collection.CollectionQuantum = idle / 2;
        });
        // Orleans caches the location of up to 1,000,000 recently called grains (about 230 bytes each); after an import
        // that is mostly returnees that left memory long ago. Locations only save a lookup for grains on other silos.
        services.Configure<GrainDirectoryOptions>(o => o.CacheSize = Math.Min(o.CacheSize, DirectoryCacheSize));
        return services;
    }
}
