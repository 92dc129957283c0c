using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Grains.Aggregation;

namespace Reintegration.Analytics.Grains.Countries;

/// <summary>
/// A country: keeps the latest report of each of its communities and its structural assessments;
/// its summary is the merge of its communities' summaries (means pool individuals, never means of means).
/// </summary>
public sealed class CountryGrain : Grain, ICountryGrain
{
    private readonly IPersistentState<CountryRecord> _record;
    private readonly RegionMap _regions;
    private readonly PushScheduler _push;
    private AggregateSummary? _summary;

    public CountryGrain(
        [PersistentState("country", StorageNames.Aggregates)] IPersistentState<CountryRecord> record,
        RegionMap regions,
        IOptions<AggregationOptions> options)
    {
        _record = record;
        _regions = regions;
        _push = new PushScheduler(this, options.Value.PushDelay, ReportAsync);
    }

    private string Country => GrainKeys.IdOf(this.GetPrimaryKeyString());
    private CountryRecord State => _record.State;

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _push.FlushAsync();
        await _record.WriteStateAsync(); // see docs/ARCHITECTURE.md: aggregates are checkpointed when they go idle, not per change
    }

    public Task ReportCommunity(CommunityReport report)
    {
        if (State.Communities.TryGetValue(report.CommunityId, out var held) && held.Version >= report.Version)
            return Task.CompletedTask;
        State.Communities[report.CommunityId] = report;
        _summary = null;
        _push.Schedule();
        return Task.CompletedTask;
    }

    public async Task<WriteResult> PutAssessment(string assessmentId, StructuralAssessment assessment)
    {
        if (State.Assessments.TryGetValue(assessmentId, out var existing) && existing.ContentEquals(assessment))
            return WriteResult.Unchanged;
        State.Assessments[assessmentId] = assessment;
        await _record.WriteStateAsync();
        _push.Schedule();
        return WriteResult.Applied;
    }

    public Task<CountryReport> GetReport() => Task.FromResult(BuildReport(State.ReportVersion));

    public Task<IReadOnlyList<CommunityReport>> GetCommunities() =>
        Task.FromResult<IReadOnlyList<CommunityReport>>(
            State.Communities.Values.OrderBy(c => c.CommunityId, StringComparer.Ordinal).ToList());

    private async Task ReportAsync()
    {
        State.ReportVersion = ReportVersions.Next(State.ReportVersion);
        await GrainFactory.Region(_regions.RegionOf(Country)).ReportCountry(BuildReport(State.ReportVersion));
    }

    private CountryReport BuildReport(long version)
    {
        _summary ??= AggregateSummary.MergeAll(State.Communities.Values.Select(c => c.Summary));
        var latest = Dated.Latest(State.Assessments, a => a.Date);
        return new CountryReport(Country, _summary, State.Communities.Count, latest?.Key, latest?.Value, version);
    }
}
