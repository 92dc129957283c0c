using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Reintegration.Analytics.Grains;

namespace Reintegration.Analytics.Host.Configuration;

/// <summary>
/// The co-hosted Orleans silo. Until durable storage lands, grain state lives in memory: it
/// survives grain deactivation but not a restart of the process.
/// </summary>
public static class SiloConfiguration
{
    public static void Configure(ISiloBuilder silo, IConfiguration configuration)
    {
        var orleans = configuration.GetSection("Orleans");
        silo.UseLocalhostClustering(
            siloPort: orleans.GetValue("SiloPort", 11111),
            gatewayPort: orleans.GetValue("GatewayPort", 30000),
            serviceId: orleans.GetValue("ServiceId", "reintegration-analytics")!,
            clusterId: orleans.GetValue("ClusterId", "reintegration-analytics")!);
        AddMemoryStorage(silo, StorageNames.Returnees);
        AddMemoryStorage(silo, StorageNames.Aggregates);
    }

    /// <summary>
    /// Memory storage still serializes every write; Orleans' own binary serializer is version
    /// tolerant through the [Id] attributes and many times cheaper than the default Newtonsoft JSON.
    /// </summary>
    private static void AddMemoryStorage(ISiloBuilder silo, string name)
    {
        silo.AddMemoryGrainStorage(name);
        silo.Services.AddOptions<MemoryGrainStorageOptions>(name)
            .Configure<Serializer>((options, serializer) => options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
    }
}
