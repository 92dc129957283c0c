using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Returnees;
using Reintegration.Analytics.Grains.Aggregation;

namespace Reintegration.Analytics.Grains.Communities;

/// <summary>
/// A place of return. Holds the latest contribution of each of its returnees, summarises them on
/// demand and reports the summary to its country, coalescing changes (see <see cref="PushScheduler"/>).
/// </summary>
public sealed class CommunityGrain : Grain, ICommunityGrain
{
    private readonly IPersistentState<CommunityRecord> _record;
    private readonly PushScheduler _push;
    private AggregateSummary? _summary;

    public CommunityGrain(
        [PersistentState("community", StorageNames.Aggregates)] IPersistentState<CommunityRecord> record,
        IOptions<AggregationOptions> options)
    {
        _record = record;
        _push = new PushScheduler(this, options.Value.PushDelay, ReportAsync);
    }

    private string CommunityId => GrainKeys.IdOf(this.GetPrimaryKeyString());
    private CommunityRecord State => _record.State;

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _push.FlushAsync();
        await _record.WriteStateAsync(); // see docs/ARCHITECTURE.md: aggregates are checkpointed when they go idle, not per change
    }

    public async Task<WriteResult> PutProfile(CommunityProfile profile)
    {
        if (State.Profile is { } existing && existing.Country != profile.Country)
            return WriteResult.Conflict("country",
                $"community '{CommunityId}' is registered in {existing.Country}; a community belongs to exactly one country");
        if (State.Profile == profile) return WriteResult.Unchanged;

        State.Profile = profile;
        await _record.WriteStateAsync();
        await ReportAsync(); // the country's community table shows a new community at once
        return WriteResult.Applied;
    }

    public Task<CommunityProfile?> GetProfile() => Task.FromResult(State.Profile);

    public async Task<WriteResult> PutAssessment(string assessmentId, CommunityAssessment assessment)
    {
        if (State.Profile is null)
            return WriteResult.NotFound("communityId", $"community '{CommunityId}' is not registered");
        if (State.Assessments.TryGetValue(assessmentId, out var existing) && existing.ContentEquals(assessment))
            return WriteResult.Unchanged;

        State.Assessments[assessmentId] = assessment;
        await _record.WriteStateAsync();
        _push.Schedule();
        return WriteResult.Applied;
    }

    public Task Contribute(ReturneeContribution contribution)
    {
        if (State.Contributions.TryGetValue(contribution.CaseId, out var held) && held.Version >= contribution.Version)
            return Task.CompletedTask;
        State.Contributions[contribution.CaseId] = contribution;
        Changed();
        return Task.CompletedTask;
    }

    public Task Withdraw(string caseId, long version)
    {
        if (State.Contributions.TryGetValue(caseId, out var held) && held.Version <= version)
        {
            State.Contributions.Remove(caseId);
            Changed();
        }
        return Task.CompletedTask;
    }

    public Task<CommunityReport?> GetReport() =>
        Task.FromResult(State.Profile is null ? null : BuildReport(State.ReportVersion));

    private void Changed()
    {
        _summary = null;
        _push.Schedule();
    }

    private async Task ReportAsync()
    {
        if (State.Profile is not { } profile) return;
        State.ReportVersion = ReportVersions.Next(State.ReportVersion);
        await GrainFactory.Country(profile.Country).ReportCommunity(BuildReport(State.ReportVersion));
    }

    private CommunityReport BuildReport(long version)
    {
        _summary ??= AggregateSummary.Of(State.Contributions.Values);
        var latest = Dated.Latest(State.Assessments, a => a.Date);
        return new CommunityReport(CommunityId, State.Profile!, _summary, latest?.Key, latest?.Value, version);
    }
}
