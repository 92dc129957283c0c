using Reintegration.Analytics.Host.Tests.Infrastructure;

namespace Reintegration.Analytics.Host.Tests;

/// <summary>GET /indicators: the codebook (SPEC §3.1).</summary>
[Collection(ApiCollection.Name)]
public sealed class IndicatorEndpointTests(ApiFactory factory)
{
    private static readonly string[] Units = ["returnees", "ratio", "score", "score change", "USD", "records", "per 1,000 population"];
    private static readonly string[] Levels = ["community", "country", "region", "global"];

    [Fact]
    public async Task Every_indicator_has_a_unique_code_a_definition_a_unit_and_a_formula()
    {
        var indicators = (await factory.Api.MustGet("/indicators"))["indicators"]!.AsArray();
        var codes = indicators.Select(i => i!["code"]!.GetValue<string>()).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Matches("^[a-z][a-z0-9_]*$", code));
        foreach (var indicator in indicators)
        {
            foreach (var field in new[] { "name", "definition", "formula" })
                Assert.False(string.IsNullOrWhiteSpace(indicator![field]?.GetValue<string>()), $"{indicator["code"]}: {field}");
            Assert.Contains(indicator!["unit"]!.GetValue<string>(), Units);
            Assert.NotEmpty(indicator["levels"]!.AsArray());
            Assert.All(indicator["levels"]!.AsArray(), l => Assert.Contains(l!.GetValue<string>(), Levels));
        }
        // SPEC §2.4's headline figures are all there.
        Assert.Superset(new HashSet<string>
        {
            "returnees", "surveyed", "score_economic_mean", "score_social_mean", "score_psychosocial_mean", "score_composite_mean",
            "sustainable_share", "improvement_mean", "followup_coverage", "remigration_necessity_share", "plan_completion_rate",
            "structural_index", "services_index", "cohesion_index", "return_pressure",
        }, codes.ToHashSet());
    }
}
