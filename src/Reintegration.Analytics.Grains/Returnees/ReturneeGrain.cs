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

    public async Task<WriteResult> PutProfile(ReturneeProfile profile)
    {
        _durability.ThrowIfAheadOfStore();
        var community = await GrainFactory.Community(profile.CommunityId).GetProfile();
        if (community is null) return WriteResult.UnknownCommunity(profile.CommunityId);
        if (community.Country != profile.Country)
            return WriteResult.Invalid("country", $"community '{profile.CommunityId}' is in {community.Country}, not {profile.Country}");

        return await ApplyAsync(new ProfileChange(profile));
    }

    public Task<WriteResult> PutSurvey(string surveyId, StoredSurvey survey) =>
        Case.IsRegistered ? ApplyAsync(new SurveyChange(surveyId, survey), survey.Scores) : Task.FromResult(NotRegistered());

    public Task<WriteResult> PutAssistance(string assistanceId, AssistanceRecord assistance) =>
        Case.IsRegistered ? ApplyAsync(new AssistanceChange(assistanceId, assistance)) : Task.FromResult(NotRegistered());

    public Task<WriteResult> PutPlan(PlanDates plan) =>
        Case.IsRegistered ? ApplyAsync(new PlanChange(plan)) : Task.FromResult(NotRegistered());

    public async Task RefreshContribution()
    {
        if (Case.IsRegistered) await ApplyAsync(new ContributionRefresh());
    }

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

    private async Task<WriteResult> ApplyAsync(ReturneeChange change, Domain.Scoring.SurveyScores? scores = null)
    {
        _durability.ThrowIfAheadOfStore();
        if (Case.Check(change) is { } error) return WriteResult.Invalid(error.Field, error.Message);
        var previousCommunity = Case.Profile?.CommunityId;
        if (!Case.Apply(change))
        {
            if (_deliveryPending) await DeliverAsync();
            return WriteResult.Unchanged with { Scores = scores };
        }

        var contribution = Case.ToContribution(CaseId);
        await _durability.SaveAsync(() => journal.AppendAsync(new JournalEntry(CaseId, Case.Version, change, contribution)), DeactivateOnIdle);

        _changesSinceCheckpoint++;
        _deliveryPending = true;
        if (previousCommunity is not null && previousCommunity != contribution.CommunityId) _withdrawFrom.Add(previousCommunity);
        await DeliverAsync();

        if (_changesSinceCheckpoint >= options.Value.CheckpointEvery)
        {
            try
            {
                await checkpoint.WriteStateAsync();
                _changesSinceCheckpoint = 0;
            }
            catch (Exception e)
            {
                // The write is durable in the journal already; a missed checkpoint only lengthens replay.
                logger.Failure(LogLevel.Warning, e, "Checkpoint of a returnee failed; it stays in the journal");
            }
        }
        return WriteResult.Applied with { Scores = scores };
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
