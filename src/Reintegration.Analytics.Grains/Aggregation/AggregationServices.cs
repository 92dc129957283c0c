using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Reintegration.Analytics.Grains.Aggregation;

public static class AggregationServices
{
    /// <summary>The services the aggregating grains need besides storage (the clock and <see cref="AggregateFreshness"/>).</summary>
    public static IServiceCollection AddAggregation(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AggregateFreshness>();
        return services;
    }
}
