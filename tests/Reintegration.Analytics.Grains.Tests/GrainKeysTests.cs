namespace Reintegration.Analytics.Grains.Tests;

/// <summary>The cached references name exactly the grains Orleans' own lookup names (storage rows are keyed by grain id).</summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainKeysTests(ClusterFixture fixture)
{
    [Fact]
    public void Cached_references_have_the_grain_ids_and_interfaces_of_a_plain_lookup()
    {
        var grains = fixture.Grains;
        AssertSame(grains.Returnee("case-1"), grains.GetGrain<IReturneeGrain>("returnee:case-1"));
        AssertSame(grains.Returnee("case-2"), grains.GetGrain<IReturneeGrain>("returnee:case-2"));
        AssertSame(grains.Community("sen.pikine"), grains.GetGrain<ICommunityGrain>("community:sen.pikine"));
        AssertSame(grains.Country("SEN"), grains.GetGrain<ICountryGrain>("country:SEN"));
        AssertSame(grains.LiveTable(), grains.GetGrain<ILiveTableGrain>(GrainKeys.GlobalKey));
    }

    private static void AssertSame<T>(T cached, T plain) where T : IGrainWithStringKey
    {
        var (a, b) = ((Orleans.Runtime.GrainReference)(object)cached, (Orleans.Runtime.GrainReference)(object)plain);
        Assert.Equal(b.GrainId, a.GrainId);
        Assert.Equal(b.InterfaceType, a.InterfaceType);
        Assert.Equal(plain.GetType(), cached.GetType());
    }
}
