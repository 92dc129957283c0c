using System.Text.Json.Nodes;
using Reintegration.Analytics.Domain.Instruments;

namespace Reintegration.Analytics.Domain.Tests;

/// <summary>Small helpers shared by the test classes.</summary>
internal static class DomainTestData
{
    /// <summary>Precision for comparing doubles that were computed from exact decimals.</summary>
    public const int Precision = 12;

    public static Instrument Default => InstrumentCatalog.BuiltInDefault;

    public static Dictionary<string, string> Answers(params (string Item, string Answer)[] answers) =>
        answers.ToDictionary(a => a.Item, a => a.Answer, StringComparer.Ordinal);

    /// <summary>The shipped instrument JSON, read from the domain assembly's embedded resource.</summary>
    public static string ShippedInstrumentJson()
    {
        using var stream = typeof(InstrumentCatalog).Assembly
            .GetManifestResourceStream("Reintegration.Analytics.Domain.rss-default-v1.json")
            ?? throw new InvalidOperationException("rss-default-v1.json not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static JsonObject ShippedInstrumentNode() => JsonNode.Parse(ShippedInstrumentJson())!.AsObject();

    /// <summary>
    /// A tiny valid instrument: one item per dimension, each of weight 1, so a dimension score is
    /// exactly the value of its single item.
    /// </summary>
    public static JsonObject OneItemPerDimension(string economicScale = "likert5", string socialScale = "likert5", string psychosocialScale = "likert5") =>
        new()
        {
            ["id"] = "tiny-v1",
            ["minAnsweredWeight"] = 0.6,
            ["sustainableThreshold"] = 0.5,
            ["items"] = new JsonArray(
                Item("e", "economic", economicScale, 1),
                Item("s", "social", socialScale, 1),
                Item("p", "psychosocial", psychosocialScale, 1)),
        };

    public static JsonObject Item(string id, string dimension, string scale, decimal weight) => new()
    {
        ["id"] = id,
        ["dimension"] = dimension,
        ["scale"] = scale,
        ["weight"] = weight,
        ["question"] = $"question {id}",
    };

    public static Instrument Load(JsonNode node, string source = "test.json") =>
        InstrumentLoader.Parse(node.ToJsonString(), source);
}
