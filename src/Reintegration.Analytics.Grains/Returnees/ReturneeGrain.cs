using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Reintegration.Analytics.Domain.FollowUp;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Returnees;
using Reintegration.Analytics.Domain.Vocabulary;
using Reintegration.Analytics.Grains.Aggregation;
using Reintegration.Analytics.Grains.Storage;

namespace Reintegration.Analytics.Grains.Returnees;

/// <summary>
/// A returnee case, the source of truth for its record. A write is applied in memory, journaled
/// (group commit, together with the case's new community membership row) and only then
/// acknowledged; the contribution is then delivered to the community's live aggregate. The state
/// itself is checkpointed every <see cref="AggregationOptions.CheckpointEvery"/> changes and rebuilt on
/// activation from the checkpoint plus the journal.
/// </summary>
public sealed class ReturneeGrain(
    [PersistentState("returnee", StorageNames.Returnees)] IPersistentState<ReturneeCheckpoint> checkpoint,
    IReturneeJournal journal,
    IOptions<AggregationOptions> options,
    ILogger<ReturneeGrain> logger)
    : Grain, IReturneeGrain
{
    private int _changesSinceCheckpoint;

    private readonly StateDurability _durability = new();

    /// <summary>
    /// Set while a journaled contribution has not reached its community (the call failed, e.g. timed
    /// out): the client saw an error and retries, the retry finds nothing new to apply, and must still
    /// deliver. <see cref="_withdrawFrom"/> holds communities the case left that may still count it.
    /// </summary>
    private bool _deliveryPending;
    private readonly HashSet<string> _withdrawFrom = new(StringComparer.Ordinal);

    private string CaseId => GrainKeys.IdOf(this.GetPrimaryKeyString());
    private ReturneeState Case => checkpoint.State.Case;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var change in await journal.ReadAfterAsync(CaseId, Case.Version))
        {
            // Every community the journal tail names may have been left without hearing of it.
            if (Case.Profile is { } before) _withdrawFrom.Add(before.CommunityId);
            Case.Apply(change);
            _changesSinceCheckpoint++;
        }
        // A previous activation may have died between journaling and delivering: deliver again (idempotent).
        if (Case.Profile is not null) await DeliverAsync();
    }

    /// <summary>
    /// Delivers a contribution still pending, and writes no checkpoint: the journal tail is shorter than
    /// <see cref="AggregationOptions.CheckpointEvery"/> and is replayed on the next activation, whereas a checkpoint per
    /// deactivation would be one storage write per case for every case a bulk import touched.
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (!_deliveryPending || _durability.AheadOfStore) return;
        try
        {
            await DeliverAsync();
        }
        catch (Exception e)
        {
            // The undelivered change is in the journal tail: the next activation delivers it.
            logger.Failure(LogLevel.Warning, e,
                "A returnee's contribution could not be delivered at deactivation; the next activation delivers it");
        }
    }

    public Task<WriteResult> PutProfile(ReturneeProfile profile) => PutOne(new ProfileChange(profile));

    public Task<WriteResult> PutSurvey(string surveyId, StoredSurvey survey) => PutOne(new SurveyChange(surveyId, survey));

    public Task<WriteResult> PutAssistance(string assistanceId, AssistanceRecord assistance) =>
        PutOne(new AssistanceChange(assistanceId, assistance));

    public Task<WriteResult> PutPlan(PlanDates plan) => PutOne(new PlanChange(plan));

    public async Task RefreshContribution()
    {
        if (Case.IsRegistered) await PutAll([new ContributionRefresh()]);
    }

    private async Task<WriteResult> PutOne(ReturneeChange change) => (await PutAll([change]))[0];

    public Task<string?> GetCountry()
    {
        _durability.ThrowIfAheadOfStore();
        return Task.FromResult(Case.Profile?.Country);
    }

    public Task<ReturneeView?> Get(DateOnly today)
    {
        _durability.ThrowIfAheadOfStore();
        if (Case.Profile is not { } profile) return Task.FromResult<ReturneeView?>(null);
        var current = Case.CurrentSurvey;
        var contribution = Case.ToContribution(CaseId);
        return Task.FromResult<ReturneeView?>(new ReturneeView(
            CaseId,
            profile,
            AgeBand.Of(profile.AgeAtReturn),
            Case.Plan,
            Case.Surveys
                .OrderBy(s => s.Value.Submission.Date).ThenBy(s => s.Key, StringComparer.Ordinal)
                .Select(s => new SurveyView(s.Key, s.Value.Submission.Date, s.Value.Submission.Round, s.Value.Submission.Instrument,
                    s.Value.Scores, s.Value.Submission.Answers.GetValueOrDefault(RemigrationIntention.ItemId)))
                .ToList(),
            current?.Key,
            Case.BaselineSurvey?.Key,
            current?.Value.Scores,
            contribution.Improvement,
            contribution.HasTwelveMonthFollowUp,
            Case.Assistance
                .OrderBy(a => a.Value.Date).ThenBy(a => a.Key, StringComparer.Ordinal)
                .Select(a => new AssistanceView(a.Key, a.Value))
                .ToList(),
            new ReturneeFollowUp(
                contribution.FollowUpStatus(today), FollowUpWindow.Opens(profile.ReturnDate), FollowUpWindow.Closes(profile.ReturnDate))));
    }

    /// <summary>
    /// The one write path: applies the changes in order, each with its own result, journals the applied ones in one append
    /// and only then acknowledges them, and delivers the resulting contribution once. The communities that registrations
    /// name are looked up first, so nothing is awaited between applying a change in memory and journaling it.
    /// </summary>
    public async Task<IReadOnlyList<WriteResult>> PutAll(IReadOnlyList<ReturneeChange> changes)
    {
        _durability.ThrowIfAheadOfStore();
        var communities = new Dictionary<string, CommunityProfile?>(StringComparer.Ordinal);
        foreach (var id in changes.OfType<ProfileChange>().Select(p => p.Profile.CommunityId).Distinct())
            communities[id] = await GrainFactory.Community(id).GetProfile();

        var results = new WriteResult[changes.Count];
        var entries = new List<JournalEntry>();
        var left = new List<string>();
        try
        {
            Stage(changes, results, entries, left, communities);
        }
        catch when (entries.Count > 0)
        {
            // Changes applied in memory and not journaled: this activation must not answer for them.
            _durability.Abandon(DeactivateOnIdle);
            throw;
        }

        if (entries.Count > 0)
        {
            await _durability.SaveAsync(() => journal.AppendAsync(entries), DeactivateOnIdle);
            _changesSinceCheckpoint += entries.Count;
            _deliveryPending = true;
            _withdrawFrom.UnionWith(left);
            try
            {
                await DeliverAsync();
            }
            catch (Exception e)
            {
                // The changes are durable, so they are acknowledged: failing the call would have the client resend lines
                // that were judged against the state before them. The community gets the contribution from a retry here.
                logger.Failure(LogLevel.Warning, e, "A returnee's contribution could not be delivered; retrying shortly");
                RetryDeliveryLater();
            }
        }
        else if (_deliveryPending) await DeliverAsync();
        if (_changesSinceCheckpoint >= options.Value.CheckpointEvery) await CheckpointAsync();
        return results;
    }

    /// <summary>Applies the changes in memory in order, each with its result; the applied ones join <paramref name="entries"/>.</summary>
    private void Stage(IReadOnlyList<ReturneeChange> changes, WriteResult[] results, List<JournalEntry> entries, List<string> left,
        Dictionary<string, CommunityProfile?> communities)
    {
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            var scores = (change as SurveyChange)?.Survey.Scores;
            var refusal = (change is ProfileChange { Profile: var profile }
                    ? CommunityRefusal(profile, communities[profile.CommunityId])
                    : Case.IsRegistered ? null : NotRegistered())
                ?? (Case.Check(change) is { } error ? WriteResult.Invalid(error.Field, error.Message) : null);
            if (refusal is not null)
            {
                results[i] = refusal;
                continue;
            }
            var previousCommunity = Case.Profile?.CommunityId;
            if (!Case.Apply(change))
            {
                results[i] = WriteResult.Unchanged with { Scores = scores };
                continue;
            }
            if (previousCommunity is not null && previousCommunity != Case.Profile!.CommunityId) left.Add(previousCommunity);
            entries.Add(new JournalEntry(CaseId, Case.Version, change, Case.ToContribution(CaseId)));
            results[i] = WriteResult.Applied with { Scores = scores };
        }
    }

    private IGrainTimer? _deliveryRetry;

    /// <summary>Delivers the pending contribution every few seconds until it is through (the grain stays active meanwhile).</summary>
    private void RetryDeliveryLater() =>
        _deliveryRetry ??= this.RegisterGrainTimer(async () =>
        {
            if (_deliveryPending && !_durability.AheadOfStore) await DeliverAsync();
            _deliveryRetry?.Dispose();
            _deliveryRetry = null;
        }, new GrainTimerCreationOptions { DueTime = TimeSpan.FromSeconds(1), Period = TimeSpan.FromSeconds(5), KeepAlive = true });

    private static WriteResult? CommunityRefusal(ReturneeProfile profile, CommunityProfile? community) =>
        community is null ? WriteResult.UnknownCommunity(profile.CommunityId)
        : community.Country != profile.Country
            ? WriteResult.Invalid("country", $"community '{profile.CommunityId}' is in {community.Country}, not {profile.Country}")
            : null;

    private async Task CheckpointAsync()
    {
        try
        {
            await checkpoint.WriteStateAsync();
            _changesSinceCheckpoint = 0;
        }
        catch (Exception e)
        {
            // The writes are durable in the journal already; a missed checkpoint only lengthens replay.
            logger.Failure(LogLevel.Warning, e, "Checkpoint of a returnee failed; it stays in the journal");
        }
    }

    /// <summary>Hands the current contribution to its community (and withdraws it from ones the case left); both are idempotent by version.</summary>
    private async Task DeliverAsync()
    {
        var contribution = Case.ToContribution(CaseId);
        foreach (var left in _withdrawFrom.Where(c => c != contribution.CommunityId).ToList())
        {
            await GrainFactory.Community(left).Withdraw(CaseId, contribution.Version);
            _withdrawFrom.Remove(left);
        }
        _withdrawFrom.Clear();
        await GrainFactory.Community(contribution.CommunityId).Contribute(contribution);
        _deliveryPending = false;
    }

    private WriteResult NotRegistered() => WriteResult.CaseNotRegistered(CaseId);
}
