using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Returnees;

namespace Reintegration.Analytics.Grains.Tests;

/// <summary>
/// A change is journaled, then its contribution goes to the community. When that call fails the
/// client sees an error and retries; the retry has nothing new to apply but must still deliver, or
/// the community's live aggregate would miss a durable change.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DeliveryRetryTests(ClusterFixture fixture)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task A_registration_whose_delivery_failed_reaches_the_community_on_the_retry()
    {
        var grains = fixture.Grains;
        await grains.Community("retry.1").PutProfile(new CommunityProfile("BFA", "Ouagadougou", null, null, null));

        fixture.FailNextDelivery["retry-1"] = true;
        await Assert.ThrowsAnyAsync<Exception>(() => grains.Returnee("retry-1").PutProfile(Profile("retry.1")));

        var retry = await grains.Returnee("retry-1").PutProfile(Profile("retry.1"));

        Assert.Equal(WriteStatus.Unchanged, retry.Status);
        Assert.Equal(1, (await grains.Community("retry.1").GetReport())!.Summary.All.Returnees);
    }

    [Fact]
    public async Task A_move_whose_delivery_failed_leaves_the_case_in_the_new_community_only_after_the_retry()
    {
        var grains = fixture.Grains;
        await grains.Community("retry.from").PutProfile(new CommunityProfile("BFA", "Bobo-Dioulasso", null, null, null));
        await grains.Community("retry.to").PutProfile(new CommunityProfile("BFA", "Koudougou", null, null, null));
        await grains.Returnee("retry-2").PutProfile(Profile("retry.from"));

        fixture.FailNextDelivery["retry-2"] = true;
        await Assert.ThrowsAnyAsync<Exception>(() => grains.Returnee("retry-2").PutProfile(Profile("retry.to")));
        var retry = await grains.Returnee("retry-2").PutProfile(Profile("retry.to"));

        Assert.Equal(WriteStatus.Unchanged, retry.Status);
        Assert.Equal(0, (await grains.Community("retry.from").GetReport())!.Summary.All.Returnees);
        Assert.Equal(1, (await grains.Community("retry.to").GetReport())!.Summary.All.Returnees);
    }

    private static ReturneeProfile Profile(string communityId) =>
        new("BFA", communityId, "male", 41, Today.AddDays(-200), "avrr", null, null, []);
}
