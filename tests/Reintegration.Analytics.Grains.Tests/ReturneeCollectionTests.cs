using Orleans.Runtime;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Returnees;
using Reintegration.Analytics.Domain.Vocabulary;
using Reintegration.Analytics.Grains.Communities;
using Reintegration.Analytics.Grains.Returnees;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Grains.Tests;

/// <summary>
/// A cluster whose returnee activations are collected after 3 idle seconds and community activations after 10 (the
/// service's defaults are 10 s and 60 s).
/// </summary>
public sealed class CollectingClusterFixture : ClusterFixture
{
    protected override TimeSpan? ReturneeIdleTime => TimeSpan.FromSeconds(3);
    protected override TimeSpan? CommunityIdleTime => TimeSpan.FromSeconds(10);
}

/// <summary>
/// A bulk import touches each case once or a few times in a row: returnee activations must leave memory soon after
/// (issue 10), and communities, which hold their members' contributions, once idle too; a collected case comes back whole
/// from its checkpoint and journal tail, a collected community with every member.
/// </summary>
public sealed class ReturneeCollectionTests(CollectingClusterFixture fixture) : IClassFixture<CollectingClusterFixture>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task Idle_returnees_are_collected_and_come_back_whole()
    {
        var grains = fixture.Grains;
        await grains.Community("idle.1").PutProfile(new CommunityProfile("BFA", "Ouahigouya", null, null, null));
        for (var i = 0; i < 20; i++)
        {
            var returnee = grains.Returnee($"idle-{i}");
            Assert.Equal(WriteStatus.Applied, (await returnee.PutProfile(Profile())).Status);
            Assert.Equal(WriteStatus.Applied,
                (await returnee.PutSurvey("baseline", UniformSurvey.Of(Today.AddDays(-30), "baseline", (1 + i % 5).ToString()))).Status);
        }
        Assert.True(await ActivationsAsync(typeof(ReturneeGrain)) >= 20);

        await Eventually.Holds(async () => Assert.Equal(0, await ActivationsAsync(typeof(ReturneeGrain))), TimeSpan.FromSeconds(30));
        Assert.Equal(20, (await grains.Community("idle.1").GetReport())!.Summary.All.Returnees);

        // No checkpoint was written (2 changes < CheckpointEvery): the journal tail brings each case back.
        var view = await grains.Returnee("idle-7").Get(Today);
        Assert.Equal("baseline", Assert.Single(view!.Surveys).SurveyId);
        Assert.Equal(WriteStatus.Unchanged,
            (await grains.Returnee("idle-7").PutSurvey("baseline", UniformSurvey.Of(Today.AddDays(-30), "baseline", "3"))).Status);
        Assert.Equal(WriteStatus.Applied,
            (await grains.Returnee("idle-7").PutSurvey("m3", UniformSurvey.Of(Today.AddDays(-1), "m3", "4"))).Status);
        await Eventually.Holds(async () =>
            Assert.Equal(1, (await grains.Community("idle.1").GetReport())!.Summary.All.Improvement.Count));
    }

    [Fact]
    public async Task Idle_communities_are_collected_and_come_back_with_every_member()
    {
        var grains = fixture.Grains;
        await grains.Community("idle.2").PutProfile(new CommunityProfile("BFA", "Kaya", null, null, null));
        for (var i = 0; i < 12; i++)
            Assert.Equal(WriteStatus.Applied, (await grains.Returnee($"gone-{i}").PutProfile(Profile() with
            {
                CommunityId = "idle.2", ReturnDate = Today.AddDays(-300 - i),
            })).Status);
        await Eventually.Holds(async () => Assert.Equal(12, (await grains.Community("idle.2").GetReport())!.Summary.All.Returnees));
        var before = await grains.Community("idle.2").GetReport();

        await Eventually.Holds(async () => Assert.Equal(0, await ActivationsAsync(typeof(CommunityGrain))), TimeSpan.FromSeconds(60));

        var after = await grains.Community("idle.2").GetReport();
        Assert.Equal(12, after!.Summary.All.Returnees);
        // Returned 300–311 days ago, none followed up: every one open (SPEC §2.4).
        Assert.Equal(new FollowUpTotals(Due: 0, Covered: 0, Open: 12, Overdue: 0, Missed: 0), before!.Summary.All.FollowUpOn(Today));
        Assert.Equal(before.Summary.All.FollowUpOn(Today), after.Summary.All.FollowUpOn(Today));
        Assert.Equal(12, (await grains.Community("idle.2").GetFollowUpCases(FollowUpStatus.Open, Today, null, 100)).Count);
    }

    private async Task<int> ActivationsAsync(Type grainClass)
    {
        var statistics = await fixture.Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        // Statistics name a grain class with its assembly: "Namespace.Class,Assembly".
        return statistics.Where(s => s.GrainType.StartsWith(grainClass.FullName + ",", StringComparison.Ordinal))
            .Sum(s => s.ActivationCount);
    }

    private static ReturneeProfile Profile() =>
        new("BFA", "idle.1", "female", 30, Today.AddDays(-40), "avrr", null, null, []);
}
