using Orleans;
using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Grains;
using Reintegration.Analytics.Grains.Aggregation;
using Reintegration.Analytics.Persistence;

namespace Reintegration.Analytics.Grains.Tests;

/// <summary>
/// A two-silo in-process Orleans cluster with the service's grains, its real storage (an SQLite
/// file in a temporary directory: grain storage, journal, membership rows) and a call counter.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"reintegration-grains-{Guid.NewGuid():N}");

    public StorageOptions Storage { get; }

    public ClusterFixture() => Storage = StorageOptions.Sqlite(_directory);

    public static readonly TimeSpan PushDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>How long returnee activations stay without calls; null keeps the service's default.</summary>
    protected virtual TimeSpan? ReturneeIdleTime => null;

    /// <summary>How long community activations stay without calls; null keeps the service's default.</summary>
    protected virtual TimeSpan? CommunityIdleTime => null;

    /// <summary>Services a fixture puts in place of the service's own (registered before them; the service adds what is missing).</summary>
    protected virtual void ReplaceServices(IServiceCollection services)
    {
    }

    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;

    /// <summary>Incoming calls per "Interface.Method", across both silos of this cluster.</summary>
    public ConcurrentDictionary<string, long> Calls { get; } = new();

    /// <summary>
    /// Fault injection: how many more times a community's <c>Contribute</c> or <c>Withdraw</c> for a
    /// case, or a country's <c>ReportCommunity</c> from a community, fails as a timed-out call would.
    /// Keyed by (method name, case or community id).
    /// </summary>
    public ConcurrentDictionary<(string Method, string CaseId), int> InjectedFailures { get; } = new();

    private void FailIfInjected(IIncomingGrainCallContext context)
    {
        var method = context.InterfaceMethod.Name;
        if (method is not (nameof(ICommunityGrain.Contribute) or nameof(ICommunityGrain.Withdraw) or nameof(ICountryGrain.ReportCommunity))) return;
        var caseId = context.Request.GetArgument(0) switch
        {
            Domain.Returnees.ReturneeContribution contribution => contribution.CaseId,
            Domain.Aggregation.CommunityReport report => report.CommunityId,
            string id => id,
            _ => null,
        };
        if (caseId is null) return;
        var key = (method, caseId);
        if (InjectedFailures.TryGetValue(key, out var left) && left > 0 && InjectedFailures.TryUpdate(key, left - 1, left))
            throw new TimeoutException($"injected: {method} of {caseId} timed out");
    }

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            ReplaceServices(silo.Services);
            silo.UseReintegrationStorage(Storage);
            // Random placement spreads every grain type over both silos, so cross-silo paths are always exercised
            // (the default, resource-optimized placement may keep a small test's grains on one silo).
            silo.Services.AddSingleton<Orleans.Runtime.PlacementStrategy, Orleans.Runtime.RandomPlacement>();
            silo.Services.AddSingleton(RegionMap.Default);
            silo.Services.AddAggregation();
            silo.Services.Configure<AggregationOptions>(o =>
            {
                o.PushDelay = PushDelay;
                if (ReturneeIdleTime is { } idle) o.ReturneeIdleTime = idle;
                if (CommunityIdleTime is { } communityIdle) o.CommunityIdleTime = communityIdle;
            });
            silo.AddIncomingGrainCallFilter(context =>
            {
                Calls.AddOrUpdate($"{context.InterfaceMethod.DeclaringType?.Name}.{context.InterfaceMethod.Name}", 1, (_, n) => n + 1);
                FailIfInjected(context);
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
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
