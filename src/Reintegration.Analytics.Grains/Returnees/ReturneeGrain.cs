using Orleans;
using Orleans.Runtime;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Returnees;
using Reintegration.Analytics.Domain.Vocabulary;

namespace Reintegration.Analytics.Grains.Returnees;

/// <summary>
/// A returnee case. Every write is stored before it is acknowledged; then the case's contribution
/// is delivered to its community (and withdrawn from the previous one after a move).
/// </summary>
public sealed class ReturneeGrain(
    [PersistentState("returnee", StorageNames.Returnees)] IPersistentState<ReturneeRecord> record)
    : Grain, IReturneeGrain
{
    private string CaseId => GrainKeys.IdOf(this.GetPrimaryKeyString());
    private ReturneeState Case => record.State.Case;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Case.IsRegistered) await DeliverContributionAsync();
    }

    public async Task<WriteResult> PutProfile(ReturneeProfile profile)
    {
        var community = await GrainFactory.Community(profile.CommunityId).GetProfile();
        if (community is null)
            return WriteResult.Invalid("communityId",
                $"community '{profile.CommunityId}' is not registered; register it first with PUT /api/v1/communities/{profile.CommunityId}");
        if (community.Country != profile.Country)
            return WriteResult.Invalid("country", $"community '{profile.CommunityId}' is in {community.Country}, not {profile.Country}");

        return await ApplyAsync(Case.PutProfile(profile));
    }

    public Task<WriteResult> PutSurvey(string surveyId, StoredSurvey survey) =>
        Case.IsRegistered ? ApplyAsync(Case.PutSurvey(surveyId, survey), survey.Scores) : Task.FromResult(NotRegistered());

    public Task<WriteResult> PutAssistance(string assistanceId, AssistanceRecord assistance) =>
        Case.IsRegistered ? ApplyAsync(Case.PutAssistance(assistanceId, assistance)) : Task.FromResult(NotRegistered());

    public Task<WriteResult> PutPlan(PlanDates plan) =>
        Case.IsRegistered ? ApplyAsync(Case.PutPlan(plan)) : Task.FromResult(NotRegistered());

    public Task<ReturneeView?> Get()
    {
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
                .ToList()));
    }

    private async Task<WriteResult> ApplyAsync(bool changed, Domain.Scoring.SurveyScores? scores = null)
    {
        if (changed) await record.WriteStateAsync();
        await DeliverContributionAsync();
        return WriteResult.Changed(changed) with { Scores = scores };
    }

    /// <summary>Sends the contribution if the community does not have this version yet; idempotent on the receiving side.</summary>
    private async Task DeliverContributionAsync()
    {
        var profile = Case.Profile!;
        var state = record.State;
        if (state.DeliveredTo == profile.CommunityId && state.DeliveredVersion == Case.Version) return;

        if (state.DeliveredTo is { } previous && previous != profile.CommunityId)
            await GrainFactory.Community(previous).Withdraw(CaseId, Case.Version);
        await GrainFactory.Community(profile.CommunityId).Contribute(Case.ToContribution(CaseId));

        // Not written back on its own: losing this only means one harmless re-send after reactivation.
        state.DeliveredTo = profile.CommunityId;
        state.DeliveredVersion = Case.Version;
    }

    private WriteResult NotRegistered() =>
        WriteResult.NotFound("caseId", $"returnee '{CaseId}' is not registered; register it first with PUT /api/v1/returnees/{CaseId}");
}
