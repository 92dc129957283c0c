using System.Text.Json.Nodes;
using Reintegration.Analytics.Domain.Instruments;
using Reintegration.Analytics.Domain.Vocabulary;
using static Reintegration.Analytics.Domain.Tests.DomainTestData;

namespace Reintegration.Analytics.Domain.Tests;

/// <summary>SPEC §2.2: the instrument is data; the shipped one matches the table, broken ones are refused clearly.</summary>
public class InstrumentLoaderTests
{
    // ---------------------------------------------------------------- the shipped instrument

    // The table of SPEC §2.2, row by row.
    public static TheoryData<string, string, AnswerScale, decimal> SpecTable => new()
    {
        { "econ_satisfaction", "economic", AnswerScale.Likert5, 0.15m },
        { "food_reduction", "economic", AnswerScale.Likert5Reversed, 0.15m },
        { "can_borrow", "economic", AnswerScale.YesNo, 0.10m },
        { "borrowing_frequency", "economic", AnswerScale.Likert5Reversed, 0.10m },
        { "debt_vs_spending", "economic", AnswerScale.Debt, 0.10m },
        { "employed", "economic", AnswerScale.YesNo, 0.20m },
        { "productive_assets", "economic", AnswerScale.YesNo, 0.10m },
        { "job_search_access", "economic", AnswerScale.YesNo, 0.10m },
        { "housing_access", "social", AnswerScale.Likert5, 0.15m },
        { "housing_standard", "social", AnswerScale.Likert5, 0.10m },
        { "education_access", "social", AnswerScale.Likert5, 0.10m },
        { "justice_access", "social", AnswerScale.Likert5, 0.10m },
        { "documentation", "social", AnswerScale.YesNo, 0.15m },
        { "water_access", "social", AnswerScale.Likert5, 0.15m },
        { "health_access", "social", AnswerScale.Likert5, 0.15m },
        { "health_quality", "social", AnswerScale.Likert5, 0.10m },
        { "social_participation", "psychosocial", AnswerScale.Likert5, 0.10m },
        { "support_network", "psychosocial", AnswerScale.Likert5, 0.15m },
        { "belonging", "psychosocial", AnswerScale.Likert5, 0.10m },
        { "physical_safety", "psychosocial", AnswerScale.Likert5, 0.15m },
        { "family_tensions", "psychosocial", AnswerScale.Likert5Reversed, 0.10m },
        { "discrimination", "psychosocial", AnswerScale.Likert5Reversed, 0.10m },
        { "distress", "psychosocial", AnswerScale.Likert5Reversed, 0.10m },
        { "wants_psych_support", "psychosocial", AnswerScale.YesNoReversed, 0.05m },
        { "able_to_stay", "psychosocial", AnswerScale.YesNo, 0.15m },
    };

    [Fact]
    public void Shipped_instrument_loads_with_25_items_and_the_spec_parameters()
    {
        var instrument = InstrumentCatalog.BuiltInDefault;

        Assert.Equal("rss-default-v1", instrument.Id);
        Assert.Equal(InstrumentCatalog.DefaultInstrumentId, instrument.Id);
        Assert.Equal(25, instrument.Items.Count);
        Assert.Equal(25, instrument.ItemsById.Count);
        Assert.Equal(0.60m, instrument.MinAnsweredWeight);
        Assert.Equal(0.50m, instrument.SustainableThreshold);
        foreach (var dimension in Dimension.Scored)
            Assert.Equal(1m, instrument.DimensionWeights[dimension]);
    }

    [Theory]
    [MemberData(nameof(SpecTable))]
    public void Shipped_instrument_items_match_the_spec_table(string id, string dimension, AnswerScale scale, decimal weight)
    {
        var item = InstrumentCatalog.BuiltInDefault.ItemsById[id];
        Assert.Equal(dimension, item.Dimension);
        Assert.Equal(scale, item.Scale);
        Assert.Equal(weight, item.Weight);
        Assert.False(string.IsNullOrWhiteSpace(item.Question));
    }

    [Theory]
    [InlineData("economic", 8)]
    [InlineData("social", 8)]
    [InlineData("psychosocial", 9)]
    public void Shipped_weights_sum_to_exactly_one_per_dimension(string dimension, int itemCount)
    {
        var items = InstrumentCatalog.BuiltInDefault.Items.Where(i => i.Dimension == dimension).ToList();
        Assert.Equal(itemCount, items.Count);
        Assert.Equal(1.00m, items.Sum(i => i.Weight));
    }

    [Fact]
    public void Shipped_instrument_records_remigration_intention_unscored()
    {
        var unscored = InstrumentCatalog.BuiltInDefault.UnscoredItems;
        var values = Assert.Single(unscored, u => u.Key == RemigrationIntention.ItemId).Value;
        Assert.Equal(["none", "choice", "necessity"], values);
        Assert.False(InstrumentCatalog.BuiltInDefault.ItemsById.ContainsKey(RemigrationIntention.ItemId));
    }

    [Fact]
    public void Shipped_json_reparsed_equals_the_built_in_default()
    {
        var parsed = InstrumentLoader.Parse(ShippedInstrumentJson(), "copy.json");
        Assert.Equal(InstrumentCatalog.BuiltInDefault.Items, parsed.Items);
    }

    [Fact]
    public void Catalog_finds_the_default_and_rejects_duplicates_or_a_missing_default()
    {
        Assert.Same(InstrumentCatalog.BuiltInDefault, InstrumentCatalog.Default.Find("rss-default-v1"));
        Assert.Null(InstrumentCatalog.Default.Find("rss-default-v2"));
        Assert.Equal(["rss-default-v1"], InstrumentCatalog.Default.Ids);

        var other = Load(OneItemPerDimension());
        var catalog = new InstrumentCatalog([InstrumentCatalog.BuiltInDefault, other]);
        Assert.Same(other, catalog.Find("tiny-v1"));

        var duplicate = Assert.Throws<InvalidOperationException>(() => new InstrumentCatalog([other, Load(OneItemPerDimension())]));
        Assert.Contains("tiny-v1", duplicate.Message);
        var missing = Assert.Throws<InvalidOperationException>(() => new InstrumentCatalog([other]));
        Assert.Contains("rss-default-v1", missing.Message);
    }

    // ---------------------------------------------------------------- broken definitions

    private static InvalidInstrumentException Broken(string json, string source = "broken.json")
    {
        var e = Assert.Throws<InvalidInstrumentException>(() => InstrumentLoader.Parse(json, source));
        Assert.Contains(source, e.Message);
        return e;
    }

    private static InvalidInstrumentException Broken(JsonNode node, string source = "broken.json") =>
        Broken(node.ToJsonString(), source);

    private static JsonObject ItemOf(JsonObject instrument, string id) =>
        instrument["items"]!.AsArray().Select(i => i!.AsObject()).Single(i => (string?)i["id"] == id);

    [Theory]
    [InlineData("{ not json")]
    [InlineData("")]
    [InlineData("{\"id\": \"x\",")]
    public void Invalid_json_names_the_source_and_says_so(string json)
    {
        var e = Broken(json, "programme-x.json");
        Assert.Contains("not valid JSON", e.Message);
    }

    [Fact]
    public void Unknown_scale()
    {
        var node = ShippedInstrumentNode();
        ItemOf(node, "employed")["scale"] = "likert7";
        var e = Broken(node);
        Assert.Contains("employed", e.Message);
        Assert.Contains("scale 'likert7'", e.Message);
    }

    [Fact]
    public void Unknown_dimension()
    {
        var node = ShippedInstrumentNode();
        ItemOf(node, "employed")["dimension"] = "financial";
        var e = Broken(node);
        Assert.Contains("employed", e.Message);
        Assert.Contains("dimension 'financial'", e.Message);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(0)]
    public void Negative_or_zero_weight(double weight)
    {
        var node = ShippedInstrumentNode();
        ItemOf(node, "distress")["weight"] = weight;
        var e = Broken(node);
        Assert.Contains("distress", e.Message);
        Assert.Contains("weight must be positive", e.Message);
    }

    [Fact]
    public void Weight_that_is_not_a_number()
    {
        var node = ShippedInstrumentNode();
        ItemOf(node, "distress")["weight"] = "0.1";
        var e = Broken(node);
        Assert.Contains("distress", e.Message);
        Assert.Contains("'weight' must be a number", e.Message);
    }

    [Fact]
    public void Duplicate_item_id()
    {
        var node = ShippedInstrumentNode();
        node["items"]!.AsArray().Add(Item("employed", "social", "yesno", 0.1m));
        var e = Broken(node);
        Assert.Contains("duplicate item id 'employed'", e.Message);
    }

    [Theory]
    [InlineData("minAnsweredWeight")]
    [InlineData("sustainableThreshold")]
    public void Missing_parameter(string parameter)
    {
        var node = ShippedInstrumentNode();
        node.Remove(parameter);
        var e = Broken(node);
        Assert.Contains($"'{parameter}' must be a number", e.Message);
    }

    [Theory]
    [InlineData("minAnsweredWeight", 1.5)]
    [InlineData("minAnsweredWeight", -0.1)]
    [InlineData("sustainableThreshold", 1.01)]
    [InlineData("sustainableThreshold", -1)]
    public void Parameter_out_of_range(string parameter, double value)
    {
        var node = ShippedInstrumentNode();
        node[parameter] = value;
        var e = Broken(node);
        Assert.Contains($"{parameter} must be within 0..1", e.Message);
    }

    [Fact]
    public void Missing_id()
    {
        var node = ShippedInstrumentNode();
        node.Remove("id");
        var e = Broken(node);
        Assert.Contains("'id' must be a non-empty string", e.Message);
    }

    [Fact]
    public void Items_not_an_array()
    {
        var node = ShippedInstrumentNode();
        node["items"] = new JsonObject();
        var e = Broken(node);
        Assert.Contains("'items' must be an array", e.Message);
    }

    [Fact]
    public void A_dimension_that_can_never_reach_minAnsweredWeight()
    {
        // social weights: .15 + .10 + .10 + .10 + .15 + .15 + .15 + .10 = 1.00; remove four → .50 < .60
        var node = ShippedInstrumentNode();
        var items = node["items"]!.AsArray();
        foreach (var id in new[] { "housing_access", "documentation", "water_access", "health_quality" })
            items.Remove(items.Single(i => (string?)i!["id"] == id));
        var e = Broken(node, "custom-programme.json");
        Assert.Contains("custom-programme.json", e.Message);
        Assert.Contains("dimension 'social' can never reach minAnsweredWeight 0.6", e.Message);
    }

    [Fact]
    public void A_dimension_exactly_reaching_minAnsweredWeight_is_fine()
    {
        var node = OneItemPerDimension();
        ItemOf(node, "s")["weight"] = 0.6;
        var instrument = Load(node);
        Assert.Equal(0.6m, instrument.ItemsById["s"].Weight);
    }

    [Fact]
    public void A_dimension_without_items()
    {
        var node = OneItemPerDimension();
        var items = node["items"]!.AsArray();
        items.Remove(items.Single(i => (string?)i!["id"] == "p"));
        var e = Broken(node);
        Assert.Contains("dimension 'psychosocial' has no items", e.Message);
    }

    [Fact]
    public void Non_positive_dimension_weight()
    {
        var node = OneItemPerDimension();
        node["dimensionWeights"] = new JsonObject { ["economic"] = 1, ["social"] = 0, ["psychosocial"] = 1 };
        var e = Broken(node);
        Assert.Contains("dimensionWeights.social must be positive", e.Message);
    }

    [Fact]
    public void All_problems_are_reported_together()
    {
        var node = ShippedInstrumentNode();
        ItemOf(node, "employed")["scale"] = "likert7";
        ItemOf(node, "distress")["dimension"] = "financial";
        node.Remove("minAnsweredWeight");
        var e = Broken(node);
        Assert.Contains("likert7", e.Message);
        Assert.Contains("financial", e.Message);
        Assert.Contains("minAnsweredWeight", e.Message);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("\"rss-default-v1\"")]
    public void Json_that_is_not_an_object_is_an_invalid_instrument(string json)
    {
        // Valid JSON but not an object: must still be reported as an invalid instrument file
        // (naming the source), not crash with some other exception.
        Broken(json, "not-an-object.json");
    }

    [Fact]
    public void UnscoredItems_that_is_not_an_array_is_an_invalid_instrument()
    {
        var node = ShippedInstrumentNode();
        node["unscoredItems"] = new JsonObject { ["remigration_intention"] = new JsonArray("none") };
        Broken(node, "unscored-object.json");
    }
}
