using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Grains.Aggregation;
using Reintegration.Analytics.Grains.Storage;

namespace Reintegration.Analytics.Grains.Countries;

/// <summary>
/// A country: keeps the latest report of each of its communities and its structural assessments, and tells the live
/// table when they change (at most once per push delay); its summary is the merge of its communities' summaries (means
/// pool individuals, never means of means). Reports are not stored: on activation it asks every community of the
/// directory to report.
/// </summary>
public sealed class CountryGrain : Grain, ICountryGrain
{
    private readonly IPersistentState<CountryRecord> _record;
    private readonly ICommunityDirectory _directory;
    private readonly PushScheduler _push;
    private readonly Dictionary<string, CommunityReport> _communities = new(StringComparer.Ordinal);
    private readonly HashSet<string> _awaited = new(StringComparer.Ordinal);
    private readonly StateDurability _durability = new();
    private AggregateSummary? _summary;
    private long _reportVersion;

    public CountryGrain(
        [PersistentState("country", StorageNames.Aggregates)] IPersistentState<CountryRecord> record,
        ICommunityDirectory directory,
        IOptions<AggregationOptions> options,
        AggregateFreshness freshness)
    {
        _record = record;
        _directory = directory;
        _push = new PushScheduler(this, options.Value.PushDelay, ReportAsync, freshness);
    }

    private string Country => GrainKeys.IdOf(this.GetPrimaryKeyString());
    private CountryRecord State => _record.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var communityId in await _directory.CommunitiesInAsync(Country))
        {
            _awaited.Add(communityId);
            await GrainFactory.Community(communityId).RequestReport();
        }
        if (State.Assessments.Count > 0) _push.Schedule();
    }

    public async Task Resync()
    {
        foreach (var communityId in await _directory.CommunitiesInAsync(Country))
        {
            _awaited.Add(communityId);
            await GrainFactory.Community(communityId).Reload();
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _push.FlushAsync();

    public Task ReportCommunity(CommunityReport report)
    {
        if (_communities.TryGetValue(report.CommunityId, out var held) && held.Version >= report.Version)
            return Task.CompletedTask;
        _communities[report.CommunityId] = report;
        _awaited.Remove(report.CommunityId);
        _summary = null;
        _push.Schedule(report.PendingSince);
        return Task.CompletedTask;
    }

    public async Task<WriteResult> PutAssessment(string assessmentId, StructuralAssessment assessment)
    {
        _durability.ThrowIfAheadOfStore();
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

    public Task RequestReport()
    {
        _push.Schedule();
        return Task.CompletedTask;
    }

    public Task<CountryReport> GetReport() => Task.FromResult(BuildReport(_reportVersion));

    public Task<CountryFamily> GetFamily() => Task.FromResult(new CountryFamily(BuildReport(_reportVersion),
        _communities.Values.OrderBy(c => c.CommunityId, StringComparer.Ordinal).ToList()));

    public Task<IReadOnlyList<string>> GetCommunityIds() =>
        Task.FromResult<IReadOnlyList<string>>(_communities.Keys.Order(StringComparer.Ordinal).ToList());

    private async Task ReportAsync(DateTimeOffset? pendingSince = null)
    {
        _reportVersion = ReportVersions.Next(_reportVersion);
        await GrainFactory.LiveTable().CountryChanged(Country, pendingSince);
    }

    private CountryReport BuildReport(long version)
    {
        _summary ??= AggregateSummary.MergeAll(_communities.Values.Select(c => c.Summary));
        var latest = Dated.Latest(State.Assessments, a => a.Date);
        return new CountryReport(Country, _summary, _communities.Count, latest?.Key, latest?.Value, version, _awaited.Count);
    }
}
