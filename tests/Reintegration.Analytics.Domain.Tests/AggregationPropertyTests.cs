using CsCheck;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Domain.Returnees;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Domain.Tests;

/// <summary>
/// The aggregation design in pure form: returnee state → contribution → community summary →
/// merged country/region/global summaries → documents, checked against a from-scratch
/// recomputation after random histories of registrations, surveys, corrections, replays and moves.
/// </summary>
public sealed class AggregationPropertyTests
{
    [Fact]
    public void Every_level_equals_a_recomputation_from_scratch_after_any_history() =>
        HistoryGenerator.Histories().Sample(history =>
        {
            var world = new ProgrammeWorld();
            var cases = new Dictionary<string, ReturneeState>();
            var held = new Dictionary<string, Dictionary<string, ReturneeContribution>>(); // community → case → contribution

            foreach (var operation in history)
            {
                if (!world.Apply(operation) || operation is RegisterCommunity) continue;
                var (caseId, state) = Apply(cases, operation);
                var contribution = state.ToContribution(caseId);
                foreach (var community in held.Values) community.Remove(caseId);
                if (!held.TryGetValue(contribution.CommunityId, out var members)) held[contribution.CommunityId] = members = [];
                members[caseId] = contribution;
            }

            var today = HistoryGenerator.Today;
            var asOf = DateTimeOffset.UtcNow;
            var communitySummaries = HistoryGenerator.Communities.ToDictionary(
                c => c.Id, c => AggregateSummary.Of(held.GetValueOrDefault(c.Id)?.Values ?? Enumerable.Empty<ReturneeContribution>()));

            foreach (var (id, country) in HistoryGenerator.Communities)
            {
                var figures = AggregateDocumentBuilder.Figures(communitySummaries[id], today, asOf, new CellSuppression(1));
                FigureAssert.Matches(Recompute.For(world, p => p.CommunityId == id, today), figures, id);
            }

            foreach (var country in HistoryGenerator.Communities.Select(c => c.Country).Distinct())
            {
                var summary = AggregateSummary.MergeAll(HistoryGenerator.Communities.Where(c => c.Country == country).Select(c => communitySummaries[c.Id]));
                var document = LevelDocuments.Country(new CountryReport(country, summary, 0, null, null, 1), RegionMap.Default.RegionOf(country), today, asOf, 1);
                FigureAssert.Matches(Recompute.For(world, p => p.Country == country, today), document, country, document.Disaggregations);
            }

            var global = AggregateSummary.MergeAll(communitySummaries.Values);
            var globalDocument = LevelDocuments.Global(new GlobalReport(global, [], []), today, asOf, 1);
            FigureAssert.Matches(Recompute.For(world, _ => true, today), globalDocument, "global", globalDocument.Disaggregations);
        }, iter: 300);

    private static (string CaseId, ReturneeState State) Apply(Dictionary<string, ReturneeState> cases, ProgrammeOperation operation)
    {
        var caseId = operation switch
        {
            PutReturnee r => r.CaseId,
            PutSurvey s => s.CaseId,
            PutAssistance a => a.CaseId,
            PutPlan p => p.CaseId,
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
        if (!cases.TryGetValue(caseId, out var state)) cases[caseId] = state = new ReturneeState();
        _ = operation switch
        {
            PutReturnee r => state.PutProfile(r.Profile),
            PutSurvey s => state.PutSurvey(s.SurveyId, s.Survey),
            PutAssistance a => state.PutAssistance(a.AssistanceId, a.Record),
            PutPlan p => state.PutPlan(p.Plan),
            _ => false,
        };
        return (caseId, state);
    }
}
