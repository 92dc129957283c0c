using CsCheck;
using Reintegration.Analytics.Domain.Disclosure;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Grains.Tests;

/// <summary>
/// Random histories (registrations, surveys, corrections, replays, moves, rejected writes) sent to a
/// two-silo cluster: every community, country, region and global aggregate must converge to a
/// recomputation from scratch, and each write must be acknowledged exactly as the oracle accepts it.
/// </summary>
/// <remarks>Has a cluster of its own: region and global figures must contain nothing but this test's data.</remarks>
public sealed class AggregationExactnessTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly DateTimeOffset AsOf = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Aggregates_at_every_level_equal_a_recomputation_after_random_histories()
    {
        var world = new ProgrammeWorld();
        var histories = HistoryGenerator.Histories("exact-", caseCount: 12, maxLength: 150).Array[9].Single(_ => true, seed: "0N0XIzNsQ0O2");
        var prefix = 0;
        foreach (var history in histories)
        {
            // Each history runs on its own id space (communities included); all share the same countries.
            var rename = $"h{prefix++}-";
            foreach (var operation in history.Select(o => Prefixed(o, rename)))
            {
                var expected = world.Apply(operation);
                var result = await fixture.Grains.Send(operation);
                Assert.True(expected == result.Succeeded, $"{operation}: service said {result.Status}, oracle said {(expected ? "accept" : "reject")}");
            }
        }

        // The histories must have exercised the interesting cases, or the comparison proves little.
        Assert.True(world.Returnees.Count >= 30, $"only {world.Returnees.Count} returnees");
        Assert.True(world.Surveys.Values.Sum(s => s.Count) >= 60, $"only {world.Surveys.Values.Sum(s => s.Count)} surveys");
        Assert.True(world.Returnees.Values.Select(r => r.CommunityId).Distinct().Count() >= 12, "too few communities in use");

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await Eventually.Holds(async () =>
        {
            foreach (var communityId in world.Communities.Keys)
            {
                var report = await fixture.Grains.Community(communityId).GetReport();
                var document = LevelDocuments.Community(new(report!, HiddenCells.None, today), "?", AsOf);
                FigureAssert.Matches(Recompute.For(world, p => p.CommunityId == communityId, today), document, communityId);
            }
            foreach (var country in world.Communities.Values.Select(c => c.Country).Distinct())
            {
                var report = await fixture.Grains.Country(country).GetReport();
                var document = LevelDocuments.Country(new(report, HiddenCells.None, today), "?", AsOf);
                FigureAssert.Matches(Recompute.For(world, p => p.Country == country, today), document, country, document.Disaggregations);
            }
            foreach (var region in new[] { "WCA", "EHOA" })
            {
                var document = LevelDocuments.Region(new(await fixture.Grains.RegionReport(region), HiddenCells.None, today), AsOf);
                FigureAssert.Matches(Recompute.For(world, p => RegionMap.Default.RegionOf(p.Country) == region, today), document, region, document.Disaggregations);
            }
            var global = LevelDocuments.Global(new(await fixture.Grains.GlobalReport(), HiddenCells.None, today), AsOf);
            FigureAssert.Matches(Recompute.For(world, _ => true, today), global, "global", global.Disaggregations);
        }, TimeSpan.FromSeconds(10));
    }

    private static ProgrammeOperation Prefixed(ProgrammeOperation operation, string prefix) => operation switch
    {
        RegisterCommunity c => c with { CommunityId = prefix + c.CommunityId },
        PutReturnee r => r with { CaseId = prefix + r.CaseId, Profile = r.Profile with { CommunityId = prefix + r.Profile.CommunityId } },
        PutSurvey s => s with { CaseId = prefix + s.CaseId },
        PutAssistance a => a with { CaseId = prefix + a.CaseId },
        PutPlan p => p with { CaseId = prefix + p.CaseId },
        _ => operation,
    };
}
