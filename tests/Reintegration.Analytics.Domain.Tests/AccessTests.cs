using Reintegration.Analytics.Domain.Access;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Domain.Snapshots;

namespace Reintegration.Analytics.Domain.Tests;

/// <summary>SPEC §4: roles, scopes and keys.</summary>
public class AccessTests
{
    private static readonly RegionMap Regions = RegionMap.Default;

    private static Caller Make(string role, string? scope = null) =>
        Caller.Create("k", role, scope, Regions).Caller ?? throw new InvalidOperationException($"{role} {scope}");

    [Theory]
    [InlineData(Roles.Ingest, new[] { Permission.Open, Permission.ReadReference, Permission.ReadCases, Permission.Write })]
    [InlineData(Roles.Viewer, new[] { Permission.Open, Permission.ReadReference, Permission.ReadAggregates })]
    [InlineData(Roles.Analyst, new[] { Permission.Open, Permission.ReadReference, Permission.ReadAggregates, Permission.Snapshots })]
    [InlineData(Roles.Hq, new[] { Permission.Open, Permission.ReadReference, Permission.ReadAggregates, Permission.Snapshots })]
    [InlineData(Roles.Metrics, new[] { Permission.Open, Permission.Scrape })]
    public void Each_role_holds_exactly_the_permissions_of_the_spec(string role, Permission[] expected)
    {
        var caller = Make(role, Roles.IsScoped(role) ? "WCA" : null);
        Assert.Equal(expected.Order(), Enum.GetValues<Permission>().Where(caller.Holds).Order());
    }

    [Fact]
    public void Admin_holds_every_permission() =>
        Assert.All(Enum.GetValues<Permission>(), p => Assert.True(Make(Roles.Admin).Holds(p), p.ToString()));

    [Fact]
    public void A_region_scope_reaches_its_countries_and_itself_a_country_scope_only_the_country()
    {
        var region = Make(Roles.Viewer, "WCA");
        Assert.True(region.Scope.CoversCountry("SEN", Regions));
        Assert.False(region.Scope.CoversCountry("KEN", Regions));
        Assert.True(region.Scope.CoversRegion("WCA"));
        Assert.False(region.Scope.CoversRegion("EHOA"));

        var country = Make(Roles.Viewer, "SEN");
        Assert.True(country.Scope.CoversCountry("SEN", Regions));
        Assert.False(country.Scope.CoversCountry("GIN", Regions));
        Assert.False(country.Scope.CoversRegion("WCA")); // the region's totals include other countries
        Assert.False(country.Scope.Everything);
    }

    [Fact]
    public void Snapshots_are_covered_only_when_everything_in_them_is()
    {
        var region = Make(Roles.Analyst, "WCA");
        SnapshotScope Parse(string text) => SnapshotScope.Parse(text, Regions).Scope!;
        Assert.True(region.Scope.CoversSnapshot(Parse("WCA"), Regions));
        Assert.True(region.Scope.CoversSnapshot(Parse("SEN,GIN"), Regions));
        Assert.False(region.Scope.CoversSnapshot(Parse("SEN,KEN"), Regions));
        Assert.False(region.Scope.CoversSnapshot(Parse("WCA,EHOA"), Regions));
        Assert.False(region.Scope.CoversSnapshot(SnapshotScope.Global, Regions));
        Assert.True(Make(Roles.Hq).Scope.CoversSnapshot(SnapshotScope.Global, Regions));
        Assert.False(Make(Roles.Analyst, "SEN").Scope.CoversSnapshot(Parse("WCA"), Regions));
    }

    [Fact]
    public void The_default_snapshot_of_a_scope_is_its_regions_or_its_countries_never_both()
    {
        Assert.Equal("WCA", Make(Roles.Analyst, "WCA").Scope.DefaultSnapshot()!.ToString());
        Assert.Equal("GIN,SEN", Make(Roles.Analyst, "SEN, GIN").Scope.DefaultSnapshot()!.ToString());
        Assert.Null(Make(Roles.Analyst, "WCA,KEN").Scope.DefaultSnapshot());
        Assert.Equal(SnapshotScope.Global, Make(Roles.Hq).Scope.DefaultSnapshot());
    }

    [Theory]
    [InlineData("viewer", null, "needs a scope")]
    [InlineData("viewer", "", "needs a scope")]
    [InlineData("viewer", "WCA,XYZ", "'XYZ' is neither a region")]
    [InlineData("hq", "WCA", "takes no scope")]
    [InlineData("root", null, "is not one of")]
    [InlineData(null, null, "is not one of")]
    public void Invalid_roles_and_scopes_are_refused_with_a_reason(string? role, string? scope, string reason)
    {
        var (caller, error) = Caller.Create("k", role, scope, Regions);
        Assert.Null(caller);
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Keys_are_random_url_safe_text_and_hash_to_64_hex_digits()
    {
        var keys = Enumerable.Range(0, 100).Select(_ => ApiKeyText.NewKey()).ToList();
        Assert.Equal(100, keys.Distinct().Count());
        Assert.All(keys, k => Assert.Matches("^[A-Za-z0-9_-]{43}$", k));
        // SHA-256 of "abc" (FIPS 180-2 test vector).
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeyText.Hash("abc"));
        Assert.True(ApiKeyText.IsHash(ApiKeyText.Hash(keys[0])));
        Assert.False(ApiKeyText.IsHash("abc"));
    }
}
