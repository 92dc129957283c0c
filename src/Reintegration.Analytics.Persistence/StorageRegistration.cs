using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using Reintegration.Analytics.Grains;
using Reintegration.Analytics.Grains.Aggregation;
using Reintegration.Analytics.Grains.Storage;
using Reintegration.Analytics.Persistence.Journal;

namespace Reintegration.Analytics.Persistence;

/// <summary>Wires the database into the host and the silo.</summary>
public static class StorageRegistration
{
    /// <summary>Registers the storage services and the migration step (which runs first thing when the silo starts).</summary>
    public static IServiceCollection AddReintegrationDatabase(this IServiceCollection services, StorageOptions storage)
    {
        services.AddSingleton(storage);
        services.AddSingleton<DatabaseMigrationService>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DatabaseMigrationService>());
        services.TryAddSingleton<ReturneeJournal>();
        services.TryAddSingleton<IReturneeJournal>(sp => sp.GetRequiredService<ReturneeJournal>());
        services.TryAddSingleton<ICommunityMembers, CommunityMembers>();
        services.TryAddSingleton<ICommunityDirectory, CommunityDirectory>();
        services.TryAddSingleton<ReadModel.ReadModelWriter>();
        services.TryAddSingleton<IReadModel>(sp => sp.GetRequiredService<ReadModel.ReadModelWriter>());
        services.TryAddSingleton<Snapshots.SnapshotStore>();
        services.TryAddSingleton<Audit.AuditLog>();
        return services;
    }

    /// <summary>
    /// Grain storage through Orleans' ADO.NET provider for both storage names, with Orleans' binary
    /// serializer: compact, fast, and version tolerant through the [Id(n)] members (a member added
    /// later reads as its default from older rows). The rows are not meant to be read by hand; the
    /// read model tables are.
    /// </summary>
    public static ISiloBuilder UseReintegrationStorage(this ISiloBuilder silo, StorageOptions storage)
    {
        silo.Services.AddReintegrationDatabase(storage);
        foreach (var name in new[] { StorageNames.Returnees, StorageNames.Aggregates })
        {
            silo.AddAdoNetGrainStorage(name, options =>
            {
                options.Invariant = storage.Backend.Invariant();
                options.ConnectionString = storage.ConnectionString;
            });
            silo.Services.AddOptions<AdoNetGrainStorageOptions>(name)
                .Configure<Serializer>((options, serializer) => options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        }
        return silo;
    }

    /// <summary>Cluster membership in PostgreSQL, so silos on several processes or machines form one cluster.</summary>
    public static ISiloBuilder UseReintegrationClustering(this ISiloBuilder silo, StorageOptions storage, IPAddress advertisedAddress, int siloPort, int gatewayPort)
    {
        if (storage.Backend != DatabaseBackend.PostgreSql)
            throw new InvalidOperationException("Database clustering needs PostgreSQL; SQLite runs a single silo.");
        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = storage.Backend.Invariant();
            options.ConnectionString = storage.MembershipConnectionString;
        });
        silo.ConfigureEndpoints(advertisedAddress, siloPort, gatewayPort);
        silo.Services.AddSingleton<FailoverResync>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<FailoverResync>());
        return silo;
    }
}
