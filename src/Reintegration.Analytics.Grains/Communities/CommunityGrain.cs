using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.FollowUp;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Returnees;
using Reintegration.Analytics.Grains.Aggregation;
using Reintegration.Analytics.Grains.Storage;

namespace Reintegration.Analytics.Grains.Communities;

/// <summary>
/// A place of return. On activation it loads the latest durable contribution of each of its
/// returnees; afterwards returnees deliver new contributions as they change. It summarises them
/// on demand and reports the summary to its country, coalescing changes (see <see cref="PushScheduler"/>).
/// </summary>
public sealed class CommunityGrain : Grain, ICommunityGrain
{
    private readonly IPersistentState<CommunityRecord> _record;
    private readonly ICommunityMembers _members;
    private readonly ICommunityDirectory _directory;
    private readonly PushScheduler _push;
    private readonly Dictionary<string, ReturneeContribution> _contributions = new(StringComparer.Ordinal);
    private readonly StateDurability _durability = new();

    /// <summary>The version at which each case that moved away was withdrawn (see <see cref="Contribute(ReturneeContribution)"/>).</summary>
    private readonly Dictionary<string, long> _withdrawn = new(StringComparer.Ordinal);

    /// <summary>Whether this activation has seen its row in the community directory written.</summary>
    private bool _inDirectory;
    private AggregateSummary? _summary;
    private long _reportVersion;

    public CommunityGrain(
        [PersistentState("community", StorageNames.Aggregates)] IPersistentState<CommunityRecord> record,
        ICommunityMembers members,
        ICommunityDirectory directory,
        IOptions<AggregationOptions> options,
        AggregateFreshness freshness)
    {
        _record = record;
        _members = members;
        _directory = directory;
        _push = new PushScheduler(this, options.Value.PushDelay, ReportAsync, freshness);
    }

    private string CommunityId => GrainKeys.IdOf(this.GetPrimaryKeyString());
    private CommunityRecord State => _record.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken) => Reload();

    public async Task Reload()
    {
        if (State.Profile is null) return;
        var durable = await _members.LoadAsync(CommunityId);
        _contributions.Clear();
        _withdrawn.Clear(); // the store is the truth: a case that moved away has no row here
        foreach (var contribution in durable) _contributions[contribution.CaseId] = contribution.WithSharedValues();
        Changed();
        // Rows stored by an older version are derived again by their returnees, which deliver the result here.
        // One-way and best effort: a failure must not fail the activation (the next one asks again).
        foreach (var stale in durable.Where(c => c.IsStale))
            _ = GrainFactory.Returnee(stale.CaseId).RefreshContribution().ContinueWith(
                t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _push.FlushAsync();

    public async Task<WriteResult> PutProfile(CommunityProfile profile)
    {
        _durability.ThrowIfAheadOfStore();
        if (State.Profile is { } existing && existing.Country != profile.Country)
            return WriteResult.Conflict("country",
                $"community '{CommunityId}' is registered in {existing.Country}; a community belongs to exactly one country");
        if (State.Profile == profile)
        {
            // A retry after a failed directory entry or report to the country still completes them.
            if (!_inDirectory) await RegisterInDirectoryAsync(profile);
            _push.Schedule();
            return WriteResult.Unchanged;
        }

        var previous = State.Profile;
        State.Profile = profile;
        await _durability.SaveAsync(() => _record.WriteStateAsync(), DeactivateOnIdle, undo: () => State.Profile = previous);
        // Listed only once saved: a country rebuilding itself waits for every community the directory names.
        await RegisterInDirectoryAsync(profile);
        await ReportAsync(); // the country's community table shows a new community at once
        return WriteResult.Applied;
    }

    private async Task RegisterInDirectoryAsync(CommunityProfile profile)
    {
        await _directory.RegisterAsync(CommunityId, profile.Country);
        _inDirectory = true;
    }

    public Task<CommunityProfile?> GetProfile()
    {
        _durability.ThrowIfAheadOfStore();
        return Task.FromResult(State.Profile);
    }

    public async Task<WriteResult> PutAssessment(string assessmentId, CommunityAssessment assessment)
    {
        _durability.ThrowIfAheadOfStore();
        if (State.Profile is null)
            return WriteResult.CommunityNotRegistered(CommunityId);
        if (State.Assessments.TryGetValue(assessmentId, out var existing) && existing.ContentEquals(assessment))
            return WriteResult.Unchanged;

        var had = State.Assessments.TryGetValue(assessmentId, out var previous);
        State.Assessments[assessmentId] = assessment;
        await _durability.SaveAsync(() => _record.WriteStateAsync(), DeactivateOnIdle, undo: () =>
        {
            if (had) State.Assessments[assessmentId] = previous!;
            else State.Assessments.Remove(assessmentId);
        });
        _push.Schedule();
        return WriteResult.Applied;
    }

    Task ICommunityGrain.Contribute(ReturneeContribution contribution)
    {
        Contribute(contribution);
        return Task.CompletedTask;
    }

    public Task Withdraw(string caseId, long version)
    {
        if (!_withdrawn.TryGetValue(caseId, out var withdrawn) || withdrawn < version) _withdrawn[caseId] = version;
        if (_contributions.TryGetValue(caseId, out var held) && held.Version <= version)
        {
            _contributions.Remove(caseId);
            Changed();
        }
        return Task.CompletedTask;
    }

    public Task RequestReport()
    {
        if (State.Profile is not null) _push.Schedule();
        return Task.CompletedTask;
    }

    public Task<CommunityReport?> GetReport() =>
        Task.FromResult(State.Profile is null ? null : BuildReport(_reportVersion));

    public Task<IReadOnlyList<FollowUpCase>> GetFollowUpCases(string status, DateOnly today, FollowUpCursor? after, int limit) =>
        Task.FromResult(FollowUpCaseList.Select(_contributions.Values, status, today, after, limit));

    private void Contribute(ReturneeContribution contribution)
    {
        if (_contributions.TryGetValue(contribution.CaseId, out var held) && held.Version >= contribution.Version) return;
        // A delivery that was delayed past the case's move away must not bring it back.
        if (_withdrawn.TryGetValue(contribution.CaseId, out var withdrawn) && withdrawn >= contribution.Version) return;
        _contributions[contribution.CaseId] = contribution.WithSharedValues();
        Changed();
    }

    private void Changed()
    {
        _summary = null;
        _push.Schedule();
    }

    private async Task ReportAsync(DateTimeOffset? pendingSince = null)
    {
        if (State.Profile is not { } profile) return;
        _reportVersion = ReportVersions.Next(_reportVersion);
        await GrainFactory.Country(profile.Country).ReportCommunity(BuildReport(_reportVersion) with { PendingSince = pendingSince });
    }

    private CommunityReport BuildReport(long version)
    {
        _summary ??= AggregateSummary.Of(_contributions.Values);
        var latest = Dated.Latest(State.Assessments, a => a.Date);
        return new CommunityReport(CommunityId, State.Profile!, _summary, latest?.Key, latest?.Value, version);
    }
}
