using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Returnees;

namespace Reintegration.Analytics.Grains.Tests;

/// <summary>
/// A change is journaled, then its contribution goes to the community. A change that is durable is acknowledged even
/// when that call fails (e.g. times out): failing the call would make the client resend lines that were already judged.
/// The grain then delivers again by itself until the community has it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DeliveryRetryTests(ClusterFixture fixture)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static readonly TimeSpan RetryWithin = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_registration_whose_delivery_failed_is_acknowledged_and_reaches_the_community()
    {
        var grains = fixture.Grains;
        await grains.Community("retry.1").PutProfile(new CommunityProfile("BFA", "Ouagadougou", null, null, null));

        fixture.InjectedFailures[("Contribute", "retry-1")] = 1;
        Assert.Equal(WriteStatus.Applied, (await grains.Returnee("retry-1").PutProfile(Profile("retry.1"))).Status);

        await Eventually.Holds(async () =>
        {
            Assert.Equal(0, fixture.InjectedFailures[("Contribute", "retry-1")]);
            Assert.Equal(1, (await grains.Community("retry.1").GetReport())!.Summary.All.Returnees);
        }, RetryWithin);
        Assert.Equal(WriteStatus.Unchanged, (await grains.Returnee("retry-1").PutProfile(Profile("retry.1"))).Status);
    }

    [Fact]
    public async Task A_move_whose_delivery_failed_leaves_the_case_in_the_new_community_once_delivered()
    {
        var grains = fixture.Grains;
        await grains.Community("retry.from").PutProfile(new CommunityProfile("BFA", "Bobo-Dioulasso", null, null, null));
        await grains.Community("retry.to").PutProfile(new CommunityProfile("BFA", "Koudougou", null, null, null));
        await grains.Returnee("retry-2").PutProfile(Profile("retry.from"));

        fixture.InjectedFailures[("Contribute", "retry-2")] = 1;
        Assert.Equal(WriteStatus.Applied, (await grains.Returnee("retry-2").PutProfile(Profile("retry.to"))).Status);

        await Eventually.Holds(async () =>
        {
            Assert.Equal(0, (await grains.Community("retry.from").GetReport())!.Summary.All.Returnees);
            Assert.Equal(1, (await grains.Community("retry.to").GetReport())!.Summary.All.Returnees);
        }, RetryWithin);
    }

    [Fact]
    public async Task A_move_whose_withdrawal_kept_failing_is_withdrawn_by_the_grains_own_retries()
    {
        var grains = fixture.Grains;
        await grains.Community("retry.left").PutProfile(new CommunityProfile("BFA", "Banfora", null, null, null));
        await grains.Community("retry.joined").PutProfile(new CommunityProfile("BFA", "Kaya", null, null, null));
        await grains.Returnee("retry-3").PutProfile(Profile("retry.left"));

        // The move's withdrawal fails, and so does the first retry.
        fixture.InjectedFailures[("Withdraw", "retry-3")] = 2;
        Assert.Equal(WriteStatus.Applied, (await grains.Returnee("retry-3").PutProfile(Profile("retry.joined"))).Status);

        await Eventually.Holds(async () =>
        {
            Assert.Equal("retry.joined", (await grains.Returnee("retry-3").Get(Today))!.Profile.CommunityId);
            Assert.Equal(0, fixture.InjectedFailures[("Withdraw", "retry-3")]);
            Assert.Equal(0, (await grains.Community("retry.left").GetReport())!.Summary.All.Returnees);
            Assert.Equal(1, (await grains.Community("retry.joined").GetReport())!.Summary.All.Returnees);
        }, RetryWithin);
    }

    [Fact]
    public async Task A_delivery_delayed_past_the_cases_move_does_not_bring_it_back()
    {
        var community = fixture.Grains.Community("retry.ghost");
        await community.PutProfile(new CommunityProfile("BFA", "Dori", null, null, null));
        var early = Contribution("retry-4", "retry.ghost", version: 1);

        await community.Contribute(early);
        await community.Withdraw("retry-4", version: 2);
        await community.Contribute(early); // arrives late

        Assert.Equal(0, (await community.GetReport())!.Summary.All.Returnees);
    }

    private static ReturneeContribution Contribution(string caseId, string communityId, long version) =>
        new(caseId, communityId, "BFA", "female", "25-34", "avrr", [], Today.AddDays(-100), null, null, false, null, [], [], version, null, [], ReturneeContribution.CurrentDerivation);

    private static ReturneeProfile Profile(string communityId) =>
        new("BFA", communityId, "male", 41, Today.AddDays(-200), "avrr", null, null, []);
}
