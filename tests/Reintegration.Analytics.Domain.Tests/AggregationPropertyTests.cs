using CsCheck;
using Reintegration.Analytics.Domain.Disclosure;
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
                var accepted = world.Apply(operation);
                if (operation is RegisterCommunity) continue;
                var (caseId, change) = ReturneeChanges.Of(operation)!.Value;
                if (!cases.TryGetValue(caseId, out var state)) cases[caseId] = state = new ReturneeState();
                if (state.IsRegistered || operation is PutReturnee)
                    AssertSameVerdict(world, operation, accepted, state.Check(change));
                if (!accepted) continue;
                state.Apply(change);
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
                var figures = LevelDocuments.Community(new(new CommunityReport(id, new(country, id, null, null, null),
                    communitySummaries[id], null, null, 1), HiddenCells.None, today), "WCA", asOf);
                FigureAssert.Matches(Recompute.For(world, p => p.CommunityId == id, today), figures, id);
            }

            foreach (var country in HistoryGenerator.Communities.Select(c => c.Country).Distinct())
            {
                var summary = AggregateSummary.MergeAll(HistoryGenerator.Communities.Where(c => c.Country == country).Select(c => communitySummaries[c.Id]));
                var document = LevelDocuments.Country(new(new CountryReport(country, summary, 0, null, null, 1), HiddenCells.None, today),
                    RegionMap.Default.RegionOf(country), asOf);
                FigureAssert.Matches(Recompute.For(world, p => p.Country == country, today), document, country, document.Disaggregations);
            }

            var global = AggregateSummary.MergeAll(communitySummaries.Values);
            var globalDocument = LevelDocuments.Global(new(new GlobalReport(global, [], []), HiddenCells.None, today), asOf);
            FigureAssert.Matches(Recompute.For(world, _ => true, today), globalDocument, "global", globalDocument.Disaggregations);
        }, iter: 300);

    /// <summary>The state's own checks (dates, funnel) reject exactly what the oracle rejects, community rules aside.</summary>
    private static void AssertSameVerdict(ProgrammeWorld world, ProgrammeOperation operation, bool accepted, Validation.FieldError? error)
    {
        if (operation is PutReturnee r && world.Communities.GetValueOrDefault(r.Profile.CommunityId)?.Country != r.Profile.Country)
            return; // refused for its community, which the grain checks before the state does
        Assert.True(accepted == error is null, $"{operation}: state says {error?.ToString() ?? "valid"}, oracle says {(accepted ? "accept" : "reject")}");
    }
}
