using Reintegration.Analytics.Domain.FollowUp;
using Orleans;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Validation;
using Reintegration.Analytics.Domain.Vocabulary;

namespace Reintegration.Analytics.Domain.Returnees;

/// <summary>
/// A returnee's full record (SPEC §2.3) and the rules that derive its contribution to aggregates.
/// Each Put* returns whether anything changed, so replays of the same id and content are no-ops.
/// </summary>
[GenerateSerializer, Alias("ReturneeState")]
public sealed class ReturneeState
{
    [Id(0)] public ReturneeProfile? Profile { get; set; }
    [Id(1)] public Dictionary<string, StoredSurvey> Surveys { get; set; } = new(StringComparer.Ordinal);
    [Id(2)] public Dictionary<string, AssistanceRecord> Assistance { get; set; } = new(StringComparer.Ordinal);
    [Id(3)] public PlanDates Plan { get; set; } = PlanDates.Empty;

    /// <summary>Increases with every change, so a parent can discard a contribution older than one it has.</summary>
    [Id(4)] public long Version { get; set; }

    public bool IsRegistered => Profile is not null;

    /// <summary>Applies a change; false (and no new version) when it changes nothing.</summary>
    public bool Apply(ReturneeChange change) => change switch
    {
        ProfileChange p => PutProfile(p.Profile),
        SurveyChange s => PutSurvey(s.SurveyId, s.Survey),
        AssistanceChange a => PutAssistance(a.AssistanceId, a.Record),
        PlanChange p => PutPlan(p.Plan),
        ContributionRefresh => Bump(),
        _ => throw new ArgumentOutOfRangeException(nameof(change), change.GetType().Name, null),
    };

    /// <summary>Whether applying the change would change anything (an identical replay would not).</summary>
    public bool WouldChange(ReturneeChange change) => change switch
    {
        ProfileChange p => Profile is null || !Profile.ContentEquals(p.Profile),
        SurveyChange s => !(Surveys.TryGetValue(s.SurveyId, out var stored) && stored.Submission.ContentEquals(s.Survey.Submission)),
        AssistanceChange a => !(Assistance.TryGetValue(a.AssistanceId, out var stored) && stored == a.Record),
        PlanChange p => Plan.MergedWith(p.Plan) != Plan,
        ContributionRefresh => true,
        _ => throw new ArgumentOutOfRangeException(nameof(change), change.GetType().Name, null),
    };

    /// <summary>
    /// The rules that depend on what is already stored (SPEC §2.3): records dated before the return,
    /// a return date moved after stored records, a plan that breaks the funnel order. Null when valid.
    /// Checked before a change is journaled; replaying the journal applies changes without checking, and a
    /// write that changes nothing is never refused (replays stay idempotent even for data stored before a rule).
    /// </summary>
    public FieldError? Check(ReturneeChange change) => !WouldChange(change) ? null : change switch
    {
        SurveyChange s => NotBeforeReturn(s.Survey.Submission.Date, "survey"),
        AssistanceChange a => NotBeforeReturn(a.Record.Date, "assistance record"),
        PlanChange p => Plan.FunnelErrorAfter(p.Plan),
        ProfileChange p => ReturnDateAfterRecords(p.Profile.ReturnDate),
        _ => null,
    };

    private FieldError? NotBeforeReturn(DateOnly date, string what) =>
        Profile is { } profile && date < profile.ReturnDate
            ? new FieldError("date", $"{what} dated {date:yyyy-MM-dd} is before the returnee's returnDate {profile.ReturnDate:yyyy-MM-dd}")
            : null;

    /// <summary>Only a return date moved later can newly predate stored records; other profile updates pass.</summary>
    private FieldError? ReturnDateAfterRecords(DateOnly returnDate)
    {
        if (Profile is not { } stored || returnDate <= stored.ReturnDate) return null;
        var dates = Surveys.Values.Select(s => s.Submission.Date).Concat(Assistance.Values.Select(a => a.Date)).ToList();
        if (dates.Count == 0 || dates.Min() >= returnDate) return null;
        return new FieldError("returnDate",
            $"{returnDate:yyyy-MM-dd} is after this returnee's earliest survey or assistance record ({dates.Min():yyyy-MM-dd}); "
            + "records cannot predate the return");
    }

    public bool PutProfile(ReturneeProfile profile)
    {
        if (!WouldChange(new ProfileChange(profile))) return false;
        Profile = profile;
        return Bump();
    }

    public bool PutSurvey(string surveyId, StoredSurvey survey)
    {
        if (!WouldChange(new SurveyChange(surveyId, survey))) return false;
        Surveys[surveyId] = survey;
        return Bump();
    }

    public bool PutAssistance(string assistanceId, AssistanceRecord record)
    {
        if (!WouldChange(new AssistanceChange(assistanceId, record))) return false;
        Assistance[assistanceId] = record;
        return Bump();
    }

    public bool PutPlan(PlanDates update)
    {
        if (!WouldChange(new PlanChange(update))) return false;
        Plan = Plan.MergedWith(update);
        return Bump();
    }

    private bool Bump()
    {
        Version++;
        return true;
    }

    public KeyValuePair<string, StoredSurvey>? CurrentSurvey => Dated.Latest(Surveys, s => s.Submission.Date);

    public KeyValuePair<string, StoredSurvey>? BaselineSurvey =>
        Dated.Earliest(Surveys.Where(s => s.Value.Submission.Round == SurveyRound.Baseline), s => s.Submission.Date);

    /// <summary>
    /// Current composite minus baseline composite, when the current survey is dated after the baseline's
    /// date (a survey on the baseline's own day is not "later") and both have a composite.
    /// </summary>
    public double? Improvement
    {
        get
        {
            if (CurrentSurvey is not { } current || BaselineSurvey is not { } baseline) return null;
            if (current.Value.Submission.Date <= baseline.Value.Submission.Date) return null;
            return current.Value.Scores.Composite is { } c && baseline.Value.Scores.Composite is { } b ? c - b : null;
        }
    }

    /// <summary>Whether a survey is dated inside the 12-month follow-up window (SPEC §2.4).</summary>
    public bool HasTwelveMonthFollowUp =>
        Profile is { } profile && Surveys.Values.Any(s => FollowUpWindow.Covers(profile.ReturnDate, s.Submission.Date));

    public ReturneeContribution ToContribution(string caseId)
    {
        var profile = Profile ?? throw new InvalidOperationException($"Returnee '{caseId}' has no profile");
        var current = CurrentSurvey?.Value;
        var remigration = current?.Submission.Answers.GetValueOrDefault(RemigrationIntention.ItemId);
        return new ReturneeContribution(
            caseId,
            profile.CommunityId,
            profile.Country,
            profile.Sex,
            AgeBand.Of(profile.AgeAtReturn),
            profile.ReturnType,
            profile.Vulnerabilities,
            profile.ReturnDate,
            current?.Scores,
            Improvement,
            HasTwelveMonthFollowUp,
            RemigrationIntention.IsValid(remigration) ? remigration : null,
            Plan.SetStatuses().ToArray(),
            Assistance.Values
                .GroupBy(a => a.Type)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new AssistanceTotal(g.Key, g.Count(), g.Sum(a => a.AmountUsd ?? 0m)))
                .ToArray(),
            Version,
            current?.Submission.Date,
            current is null ? [] : Assistance.Values
                .Where(a => a.Date <= current.Submission.Date)
                .Select(a => a.Type)
                .Distinct()
                .Order(StringComparer.Ordinal)
                .ToArray(),
            ReturneeContribution.CurrentDerivation);
    }
}
