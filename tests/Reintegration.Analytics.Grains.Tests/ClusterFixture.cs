using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Grains;
using Reintegration.Analytics.Grains.Aggregation;

namespace Reintegration.Analytics.Grains.Tests;

/// <summary>A two-silo in-process Orleans cluster with the service's grains, memory storage and a call counter.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan PushDelay = TimeSpan.FromMilliseconds(100);

    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;

    /// <summary>Incoming calls per "Interface.Method", across both silos of this cluster.</summary>
    public ConcurrentDictionary<string, long> Calls { get; } = new();

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            foreach (var name in new[] { StorageNames.Returnees, StorageNames.Aggregates })
            {
                silo.AddMemoryGrainStorage(name);
                silo.Services.AddOptions<MemoryGrainStorageOptions>(name)
                    .Configure<Serializer>((options, serializer) => options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
            }
            silo.Services.AddSingleton(RegionMap.Default);
            silo.Services.Configure<AggregationOptions>(o => o.PushDelay = PushDelay);
            silo.AddIncomingGrainCallFilter(context =>
            {
                Calls.AddOrUpdate($"{context.InterfaceMethod.DeclaringType?.Name}.{context.InterfaceMethod.Name}", 1, (_, n) => n + 1);
                return context.Invoke();
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
