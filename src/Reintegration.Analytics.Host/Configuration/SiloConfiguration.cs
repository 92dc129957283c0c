using System.Net;
using Reintegration.Analytics.Persistence;

namespace Reintegration.Analytics.Host.Configuration;

/// <summary>
/// The co-hosted Orleans silo: grain storage and the journal in the selected database; cluster
/// membership in PostgreSQL when it is the store (several silos form one cluster), otherwise a
/// single local silo.
/// </summary>
public static class SiloConfiguration
{
    public static void Configure(ISiloBuilder silo, IConfiguration configuration, StorageOptions storage)
    {
        var orleans = configuration.GetSection("Orleans");
        var siloPort = orleans.GetValue("SiloPort", 11111);
        var gatewayPort = orleans.GetValue("GatewayPort", 30000);
        var serviceId = orleans.GetValue("ServiceId", "reintegration-analytics")!;
        var clusterId = orleans.GetValue("ClusterId", "reintegration-analytics")!;

        silo.UseReintegrationStorage(storage);
        if (storage.Backend == DatabaseBackend.PostgreSql)
        {
            silo.Configure<Orleans.Configuration.ClusterOptions>(o =>
            {
                o.ServiceId = serviceId;
                o.ClusterId = clusterId;
            });
            var advertised = IPAddress.Parse(orleans.GetValue("AdvertisedAddress", "127.0.0.1")!);
            silo.UseReintegrationClustering(storage, advertised, siloPort, gatewayPort);
            // Failure detection can be tuned (e.g. Orleans:Membership:ProbeTimeout) for faster failover.
            silo.Configure<Orleans.Configuration.ClusterMembershipOptions>(orleans.GetSection("Membership"));
        }
        else
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: serviceId, clusterId: clusterId);
        }
    }
}
