using CsCheck;
using Reintegration.Analytics.Domain.Instruments;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Returnees;
using Reintegration.Analytics.Domain.Scoring;
using Reintegration.Analytics.Domain.Vocabulary;

namespace Reintegration.Analytics.TestSupport;

/// <summary>
/// Random programme histories over small id pools, so that corrections (same id, new content),
/// replays (an earlier write sent again), moves between communities, date ties and writes for
/// unregistered cases all happen often.
/// </summary>
public static class HistoryGenerator
{
    /// <summary>Four communities in three countries of two regions (SEN and GIN in WCA, ETH in EHOA).</summary>
    public static readonly IReadOnlyList<(string Id, string Country)> Communities =
        [("dakar.1", "SEN"), ("kolda.2", "SEN"), ("conakry.1", "GIN"), ("addis.1", "ETH")];

    public static readonly DateOnly Today = new(2026, 11, 24);

    private static readonly Instrument Instrument = InstrumentCatalog.BuiltInDefault;

    public static Gen<List<ProgrammeOperation>> Histories(string idPrefix = "", int caseCount = 8, int maxLength = 80) =>
        Operation(idPrefix, caseCount).List[1, maxLength].Select(ops => WithReplays(Registrations(idPrefix).Concat(ops).ToList()));

    public static IEnumerable<ProgrammeOperation> Registrations(string idPrefix) =>
        Communities.Select(c => (ProgrammeOperation)new RegisterCommunity(idPrefix + c.Id, new CommunityProfile(c.Country, $"Community {c.Id}", null, null, null)));

    private static List<ProgrammeOperation> WithReplays(List<ProgrammeOperation> operations)
    {
        // Every fifth operation is sent again later: replays must change nothing.
        var result = new List<ProgrammeOperation>(operations);
        for (var i = 4; i < operations.Count; i += 5) result.Add(operations[i]);
        return result;
    }

    private static Gen<ProgrammeOperation> Operation(string prefix, int caseCount)
    {
        var caseId = Gen.Int[1, caseCount].Select(i => $"{prefix}case-{i}");
        var date = Gen.Int[0, 30].Select(d => Today.AddDays(-20 * d));
        return Gen.Frequency(
            (3, Returnee(prefix, caseId)),
            (6, Gen.Select(caseId, Gen.Int[1, 4], date, Gen.OneOf(SurveyRound.All.ToArray()), Answers)
                .Select((c, s, d, round, answers) => (ProgrammeOperation)new PutSurvey(c, $"s{s}",
                    new StoredSurvey(new SurveySubmission(d, round, Instrument.Id, answers), SurveyScorer.Score(Instrument, answers))))),
            (2, Gen.Select(caseId, Gen.Int[1, 3], date, Gen.OneOf(AssistanceType.All.Take(4).ToArray()), Gen.Int[0, 500])
                .Select((c, a, d, type, amount) => (ProgrammeOperation)new PutAssistance(c, $"a{a}",
                    new AssistanceRecord(d, type, "direct", amount == 0 ? null : amount, null)))),
            (2, Gen.Select(caseId, Gen.Int[0, 31], date, Gen.Int[0, 2])
                .Select((c, mask, d, spacing) => (ProgrammeOperation)new PutPlan(c, new PlanDates(
                    // Statuses a few days apart, mostly in funnel order; spacing 2 dates them backwards (rejected).
                    (mask & 1) != 0 ? d : null, (mask & 2) != 0 ? d.AddDays(Step(spacing, 1)) : null,
                    (mask & 4) != 0 ? d.AddDays(Step(spacing, 2)) : null, (mask & 8) != 0 ? d.AddDays(Step(spacing, 3)) : null,
                    (mask & 16) != 0 ? d.AddDays(Step(spacing, 2)) : null)))));
    }

    private static int Step(int spacing, int position) => spacing switch { 0 => 0, 1 => 7 * position, _ => -7 * position };

    private static Gen<ProgrammeOperation> Returnee(string prefix, Gen<string> caseId) =>
        Gen.Select(caseId, Gen.Int[0, Communities.Count - 1], Gen.OneOf(Sex.All.ToArray()), Gen.Int[-1, 70],
                Gen.Int[0, 900], Gen.OneOf(ReturnType.All.ToArray()), Gen.Int[0, 7])
            .Select((c, community, sex, age, daysAgo, returnType, vulnerability) =>
            {
                var (communityId, country) = Communities[community];
                // Now and then a case names the wrong country: the service must refuse it.
                if (daysAgo % 17 == 0) country = "BRA";
                return (ProgrammeOperation)new PutReturnee(c, new ReturneeProfile(country, prefix + communityId, sex, age < 0 ? null : age,
                    Today.AddDays(-daysAgo), returnType, null, null, vulnerability < 3 ? [Vulnerability.All[vulnerability]] : []));
            });

    private static readonly Gen<IReadOnlyDictionary<string, string>> Answers =
        Gen.Int[0, 9].Array[Instrument.Items.Count + 1].Select(draws =>
        {
            var answers = new Dictionary<string, string>();
            for (var i = 0; i < Instrument.Items.Count; i++)
            {
                var item = Instrument.Items[i];
                var draw = draws[i];
                if (draw == 0) continue; // omitted
                if (draw == 1) { answers[item.Id] = "na"; continue; }
                answers[item.Id] = item.Scale switch
                {
                    AnswerScale.Likert5 or AnswerScale.Likert5Reversed => (1 + draw % 5).ToString(),
                    AnswerScale.YesNo or AnswerScale.YesNoReversed => draw % 2 == 0 ? "yes" : "no",
                    _ => new[] { "debt_larger", "about_equal", "spending_larger", "no_debt" }[draw % 4],
                };
            }
            var remigration = draws[^1];
            if (remigration < 6) answers["remigration_intention"] = new[] { "none", "choice", "necessity", "na", "necessity", "none" }[remigration];
            return (IReadOnlyDictionary<string, string>)answers;
        });
}
