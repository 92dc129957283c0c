using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Returnees;

namespace Reintegration.Analytics.Domain.Tests;

/// <summary>SPEC §4: the community table of a country against the country's own figures.</summary>
public class CommunityTableTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static ReturneeContribution Case(string id, string community, string sex) =>
        new(id, community, "SEN", sex, "25-34", "avrr", [], Today.AddDays(-100), null, null, false, null, [], [], 1, null, [],
            ReturneeContribution.CurrentDerivation);

    private static CommunityReport Community(string id, params ReturneeContribution[] members) =>
        new(id, new CommunityProfile("SEN", id, null, null, null), AggregateSummary.Of(members), null, null, 1);

    [Fact]
    public void A_single_small_community_is_not_the_country_minus_the_others()
    {
        var big = Community("big", [.. Enumerable.Range(0, 9).Select(i => Case($"b{i}", "big", "female"))]);
        var middle = Community("middle", [.. Enumerable.Range(0, 6).Select(i => Case($"m{i}", "middle", "male"))]);
        var small = Community("small", Case("s0", "small", "female"), Case("s1", "small", "male"));
        var country = new CountryReport("SEN", AggregateSummary.MergeAll([big.Summary, middle.Summary, small.Summary]), 3, null, null, 1);

        var table = LevelDocuments.CommunityTable(country, [big, middle, small], "WCA", Today, DateTimeOffset.UtcNow, 5);

        Assert.Null(table.Single(c => c.CommunityId == "small").Returnees);
        // Shown: 17 − 9 − 6 would give the small one's 2, so the smallest other community is hidden too.
        Assert.Null(table.Single(c => c.CommunityId == "middle").Returnees);
        Assert.Equal(9, table.Single(c => c.CommunityId == "big").Returnees);
    }

    [Fact]
    public void A_hidden_country_figure_with_a_single_community_hides_it_there_too()
    {
        // Country: 6 returnees, all in one community; its breakdown by sex shows female 6 and hides nothing, but the
        // country's own protection can hide figures no community hides: such a figure is hidden in a community too.
        var only = Community("only", [.. Enumerable.Range(0, 6).Select(i => Case($"o{i}", "only", "female"))]);
        var empty = Community("empty");
        var country = new CountryReport("SEN", AggregateSummary.MergeAll([only.Summary, empty.Summary]), 2, null, null, 1);

        var table = LevelDocuments.CommunityTable(country, [only, empty], "WCA", Today, DateTimeOffset.UtcNow, 5);

        Assert.Equal(6, table.Single(c => c.CommunityId == "only").Returnees);
        Assert.Equal(0, table.Single(c => c.CommunityId == "empty").Returnees);
    }
}
