using Orleans.Runtime;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Returnees;
using Reintegration.Analytics.Grains.Returnees;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Grains.Tests;

/// <summary>A cluster whose returnee activations are collected after 3 idle seconds (the service's default is 10 s).</summary>
public sealed class CollectingClusterFixture : ClusterFixture
{
    protected override TimeSpan? ReturneeIdleTime => TimeSpan.FromSeconds(3);
}

/// <summary>
/// A bulk import touches each case once or a few times in a row: returnee activations must leave memory soon after
/// (issue 10), while communities stay, and a collected case comes back whole from its checkpoint and journal tail.
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
        Assert.True(await ActivationsAsync(typeof(Communities.CommunityGrain)) >= 1);
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
