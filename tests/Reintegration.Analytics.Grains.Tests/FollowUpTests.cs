using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.FollowUp;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Vocabulary;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Grains.Tests;

/// <summary>SPEC §2.4 follow-up on the two-silo cluster: statuses counted at every level, and the case lists behind them.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FollowUpTests(ClusterFixture fixture)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task A_survey_in_the_window_moves_a_case_from_overdue_to_covered_at_every_level()
    {
        // Only this test uses Namibia and Botswana, and nothing else in this cluster uses region SAF.
        var grains = fixture.Grains;
        await grains.Community("follow.nam").PutProfile(new CommunityProfile("NAM", "Windhoek", null, null, null));
        await grains.Community("follow.bwa").PutProfile(new CommunityProfile("BWA", "Gaborone", null, null, null));
        var returnedDaysAgo = new Dictionary<string, int>
        {
            ["follow-overdue-1"] = 400, ["follow-overdue-2"] = 366, ["follow-overdue-3"] = 545,
            ["follow-open"] = 365, ["follow-missed"] = 546, ["follow-not-yet"] = 269,
        };
        foreach (var (caseId, days) in returnedDaysAgo)
            Assert.Equal(WriteStatus.Applied, (await grains.Returnee(caseId).PutProfile(Profile(caseId.EndsWith("-3") ? "BWA" : "NAM", days))).Status);

        await ExpectEverywhere(new FollowUpTotals(Due: 5, Covered: 0, Open: 1, Overdue: 3, Missed: 1));
        Assert.Equal(["follow-overdue-1", "follow-overdue-2"], await CaseIds("follow.nam", FollowUpStatus.Overdue));

        // A survey 300 days after the return of a case that is 400 days back.
        var survey = await grains.Returnee("follow-overdue-1").PutSurvey("m9", UniformSurvey.Of(Today.AddDays(-100), "m9", "na"));
        Assert.Equal(WriteStatus.Applied, survey.Status);

        await ExpectEverywhere(new FollowUpTotals(Due: 5, Covered: 1, Open: 1, Overdue: 2, Missed: 1));
        Assert.Equal(["follow-overdue-2"], await CaseIds("follow.nam", FollowUpStatus.Overdue));
        var view = await grains.Returnee("follow-overdue-1").Get(Today);
        Assert.Equal(FollowUpStatus.Covered, view!.FollowUp.Status);
    }

    /// <summary>Namibia's community and the country hold five of the six cases, Botswana one; region SAF holds all.</summary>
    private async Task ExpectEverywhere(FollowUpTotals total)
    {
        var grains = fixture.Grains;
        var botswana = new FollowUpTotals(1, 0, 0, 1, 0);
        var namibia = total with { Due = total.Due - 1, Overdue = total.Overdue - 1 };
        await Eventually.Holds(async () =>
        {
            Assert.Equal(namibia, (await grains.Community("follow.nam").GetReport())!.Summary.All.FollowUpOn(Today));
            Assert.Equal(namibia, (await grains.Country("NAM").GetReport()).Summary.All.FollowUpOn(Today));
            Assert.Equal(botswana, (await grains.Country("BWA").GetReport()).Summary.All.FollowUpOn(Today));
            Assert.Equal(total, (await grains.RegionReport("SAF")).Summary.All.FollowUpOn(Today));

            // The global counts are the sum of the regions' (other tests' data included), SAF's as above.
            var global = await grains.GlobalReport();
            Assert.Contains("SAF", global.Regions);
            var regions = await Task.WhenAll(global.Regions.Select(r => grains.RegionReport(r)));
            var sum = regions.Select(r => r.Summary.All.FollowUpOn(Today)).Aggregate((a, b) =>
                new FollowUpTotals(a.Due + b.Due, a.Covered + b.Covered, a.Open + b.Open, a.Overdue + b.Overdue, a.Missed + b.Missed));
            Assert.Equal(sum, global.Summary.All.FollowUpOn(Today));
        });
    }

    private async Task<List<string>> CaseIds(string communityId, string status) =>
        (await fixture.Grains.Community(communityId).GetFollowUpCases(status, Today, null, 10)).Select(c => c.CaseId).ToList();

    private static ReturneeProfile Profile(string country, int returnedDaysAgo) =>
        new(country, country == "NAM" ? "follow.nam" : "follow.bwa", "female", 30, Today.AddDays(-returnedDaysAgo), "vhr", null, null, []);
}
