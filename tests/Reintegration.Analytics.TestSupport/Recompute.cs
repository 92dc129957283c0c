using Reintegration.Analytics.Domain.Returnees;
using Reintegration.Analytics.Domain.Scoring;

namespace Reintegration.Analytics.TestSupport;

/// <summary>
/// SPEC §2.4 computed the slow, obvious way straight from the raw records of a
/// <see cref="ProgrammeWorld"/>: the oracle the service's incremental aggregation must equal.
/// Deliberately shares no aggregation code with the service.
/// </summary>
public static class Recompute
{
    private static readonly string[] Dimensions = ["economic", "social", "psychosocial", "composite"];
    private static readonly string[] PlanStatuses = ["eligible", "plan_developed", "assistance_started", "assistance_completed", "dropped_out"];

    private sealed record Member(string CaseId, Domain.Records.ReturneeProfile Profile, SurveyScores? Current, DateOnly? CurrentDate,
        string? Remigration, double? Improvement, bool FollowedUp, string AgeBand, IReadOnlyList<Domain.Records.AssistanceRecord> Assistance,
        Domain.Records.PlanDates Plan)
    {
        /// <summary>Received the type by the current survey: a record of it dated on or before that survey.</summary>
        public bool Received(string type) => Assistance.Any(a => a.Type == type && a.Date <= CurrentDate);

        public int DaysSinceReturn(DateOnly today) => today.DayNumber - Profile.ReturnDate.DayNumber;
    }

    public static ExpectedFigures For(ProgrammeWorld world, Func<Domain.Records.ReturneeProfile, bool> inUnit, DateOnly today)
    {
        var members = world.Returnees.Where(r => inUnit(r.Value)).Select(r => Describe(world, r.Key, r.Value)).ToList();

        var scores = Dimensions.ToDictionary(d => d, d => MeanOf(members.Select(m => m.Current?.Get(d))));
        var withComposite = members.Where(m => m.Current?.Composite is not null).ToList();
        var due = members.Where(m => m.Profile.ReturnDate <= today.AddDays(-365)).ToList();
        var remigrationAnswered = members.Where(m => m.Remigration is not null).ToList();
        var plan = PlanStatuses.ToDictionary(s => s, s => (long)members.Count(m => IsSet(m.Plan, s)));

        var assistance = members.SelectMany(m => m.Assistance).GroupBy(a => a.Type)
            .ToDictionary(g => g.Key, g => ((long)g.Count(), g.Sum(a => a.AmountUsd ?? 0m)));

        var improved = members.Where(m => m.Improvement is not null).ToList();
        var whatWorks = improved.SelectMany(m => m.Assistance.Select(a => a.Type)).Distinct()
            .Where(type => improved.Any(m => m.Received(type)))
            .ToDictionary(type => type, type => WhatWorks(
                improved.Where(m => m.Received(type)).Select(m => m.Improvement!.Value).ToList(),
                improved.Where(m => !m.Received(type)).Select(m => m.Improvement!.Value).ToList()));
        var notCovered = members.Where(m => !m.FollowedUp).ToList();

        return new ExpectedFigures
        {
            Returnees = members.Count,
            Surveyed = members.Count(m => m.Current is not null),
            Scores = scores,
            SustainableShare = withComposite.Count == 0 ? null : (double)withComposite.Count(m => m.Current!.Sustainable == true) / withComposite.Count,
            Improvement = MeanOf(members.Select(m => m.Improvement)),
            FollowUpDue = due.Count,
            FollowUpCovered = due.Count(m => m.FollowedUp),
            FollowUpOpen = notCovered.Count(m => m.DaysSinceReturn(today) is >= 270 and <= 365),
            FollowUpOverdue = notCovered.Count(m => m.DaysSinceReturn(today) is >= 366 and <= 545),
            FollowUpMissed = notCovered.Count(m => m.DaysSinceReturn(today) >= 546),
            RemigrationNecessityShare = remigrationAnswered.Count == 0 ? null
                : (double)remigrationAnswered.Count(m => m.Remigration == "necessity") / remigrationAnswered.Count,
            Plan = plan,
            CompletionRate = plan["eligible"] == 0 ? null : (double)plan["assistance_completed"] / plan["eligible"],
            AssistanceByType = assistance,
            ReturneesAssisted = members.Count(m => m.Assistance.Count > 0),
            Breakdown = new Dictionary<string, IReadOnlyDictionary<string, long>>
            {
                ["sex"] = Count(members, m => [m.Profile.Sex]),
                ["ageBand"] = Count(members, m => [m.AgeBand]),
                ["returnType"] = Count(members, m => [m.Profile.ReturnType]),
                ["vulnerability"] = Count(members, m => m.Profile.Vulnerabilities),
            },
            WhatWorks = whatWorks,
            Groups = new Dictionary<string, IReadOnlyDictionary<string, GroupExpectation>>
            {
                ["sex"] = Group(members, m => m.Profile.Sex),
                ["ageBand"] = Group(members, m => m.AgeBand),
                ["returnType"] = Group(members, m => m.Profile.ReturnType),
            },
        };
    }

    private static Member Describe(ProgrammeWorld world, string caseId, Domain.Records.ReturneeProfile profile)
    {
        var surveys = world.Surveys.GetValueOrDefault(caseId)?.ToList() ?? [];
        var current = surveys
            .OrderByDescending(s => s.Value.Submission.Date)
            .ThenByDescending(s => s.Key, StringComparer.Ordinal)
            .Select(s => (KeyValuePair<string, StoredSurvey>?)s).FirstOrDefault();
        var baseline = surveys.Where(s => s.Value.Submission.Round == "baseline")
            .OrderBy(s => s.Value.Submission.Date)
            .ThenBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => (KeyValuePair<string, StoredSurvey>?)s).FirstOrDefault();

        double? improvement = null;
        if (current is { } c && baseline is { } b && c.Value.Submission.Date > b.Value.Submission.Date
            && c.Value.Scores.Composite is { } cc && b.Value.Scores.Composite is { } bc)
            improvement = cc - bc;

        var remigration = current?.Value.Submission.Answers.GetValueOrDefault("remigration_intention");
        if (remigration is not ("none" or "choice" or "necessity")) remigration = null;

        var followedUp = surveys.Any(s =>
            s.Value.Submission.Date.DayNumber - profile.ReturnDate.DayNumber is >= 270 and <= 545);

        var age = profile.AgeAtReturn;
        var ageBand = age is null ? "unknown" : age < 18 ? "0-17" : age < 25 ? "18-24" : age < 35 ? "25-34" : age < 50 ? "35-49" : "50+";

        return new Member(caseId, profile, current?.Value.Scores, current?.Value.Submission.Date, remigration, improvement, followedUp, ageBand,
            world.Assistance.GetValueOrDefault(caseId)?.Values.ToList() ?? [],
            world.Plans.GetValueOrDefault(caseId) ?? Domain.Records.PlanDates.Empty);
    }

    private static IReadOnlyDictionary<string, GroupExpectation> Group(List<Member> members, Func<Member, string> key) =>
        members.GroupBy(key).ToDictionary(g => g.Key, g =>
        {
            var withComposite = g.Where(m => m.Current?.Composite is not null).ToList();
            return new GroupExpectation(
                g.Count(),
                Dimensions.ToDictionary(d => d, d => MeanOf(g.Select(m => m.Current?.Get(d)))),
                withComposite.Count == 0 ? null : (double)withComposite.Count(m => m.Current!.Sustainable == true) / withComposite.Count);
        });

    private static IReadOnlyDictionary<string, long> Count(List<Member> members, Func<Member, IEnumerable<string>> keys) =>
        members.SelectMany(keys).GroupBy(k => k).ToDictionary(g => g.Key, g => (long)g.Count());

    /// <summary>
    /// Welch's comparison written out from the raw values (two-pass variances), independent of the
    /// service's sums of squares; only the Student t quantile comes from a library.
    /// </summary>
    private static WhatWorksExpectation WhatWorks(List<double> received, List<double> notReceived)
    {
        var (r, n) = (MeanOf(received.Select(v => (double?)v)), MeanOf(notReceived.Select(v => (double?)v)));
        if (r.Mean is null || n.Mean is null) return new WhatWorksExpectation(r, n, null, null, null);
        var difference = r.Mean.Value - n.Mean.Value;
        if (received.Count < 2 || notReceived.Count < 2) return new WhatWorksExpectation(r, n, difference, null, null);

        static double SquaredError(List<double> values, double mean, int count) =>
            values.Sum(v => (v - mean) * (v - mean)) / (count - 1) / count;
        var a = SquaredError(received, r.Mean.Value, received.Count);
        var b = SquaredError(notReceived, n.Mean.Value, notReceived.Count);
        if (a + b == 0) return new WhatWorksExpectation(r, n, difference, difference, difference);
        var df = Math.Pow(a + b, 2) / (a * a / (received.Count - 1) + b * b / (notReceived.Count - 1));
        var halfWidth = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, df, 0.975) * Math.Sqrt(a + b);
        return new WhatWorksExpectation(r, n, difference, difference - halfWidth, difference + halfWidth);
    }

    private static (double? Mean, long N) MeanOf(IEnumerable<double?> values)
    {
        var present = values.Where(v => v is not null).Select(v => v!.Value).ToList();
        return present.Count == 0 ? (null, 0) : (present.Average(), present.Count);
    }

    private static bool IsSet(Domain.Records.PlanDates plan, string status) => status switch
    {
        "eligible" => plan.Eligible is not null,
        "plan_developed" => plan.PlanDeveloped is not null,
        "assistance_started" => plan.AssistanceStarted is not null,
        "assistance_completed" => plan.AssistanceCompleted is not null,
        _ => plan.DroppedOut is not null,
    };
}
