using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Reintegration.Analytics.Grains.Storage;

namespace Reintegration.Analytics.Grains.Aggregation;

/// <summary>
/// Watches cluster membership; when another silo is declared dead, asks every country of the directory to
/// rebuild its aggregates from the store. Grains that lived on the dead silo come back elsewhere
/// on their next call, but a community there may have taken contributions it had not reported
/// yet, and nothing else would call it. Every survivor does this; the resync is idempotent.
/// </summary>
public sealed class FailoverResync(
    IClusterMembershipService membership, IGrainFactory grains, ICommunityDirectory directory, ILogger<FailoverResync> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _watch;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(FailoverResync), ServiceLifecycleStage.Active, Start, Stop);

    private Task Start(CancellationToken cancellationToken)
    {
        _watch = Task.Run(WatchAsync);
        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_watch is not null) await _watch.WaitAsync(cancellationToken).ContinueWith(_ => { });
    }

    private async Task WatchAsync()
    {
        HashSet<SiloAddress>? dead = null;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(_stopping.Token))
            {
                if (dead is null)
                {
                    // Silos that were already dead when this one started (earlier runs) need nothing.
                    dead = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress).ToHashSet();
                    continue;
                }
                var newlyDead = snapshot.Members.Values
                    .Where(m => m.Status == SiloStatus.Dead && dead.Add(m.SiloAddress))
                    .Select(m => m.SiloAddress)
                    .ToList();
                if (newlyDead.Count == 0) continue;
                logger.LogWarning("Silo(s) {Silos} died; rebuilding aggregates from the store", string.Join(", ", newlyDead));
                foreach (var country in await directory.CountriesAsync()) await grains.Country(country).Resync();
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "Membership watch stopped");
        }
    }
}
