using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reintegration.Analytics.Persistence.Tests.Infrastructure;

/// <summary>
/// A value as canonical JSON: object members sorted by name (dictionary order depends on insertion
/// order, which a rebuilt grain need not reproduce) and fractional numbers rounded to 10 significant
/// digits (sums of doubles depend on the order they were added in).
/// </summary>
public static class Canonical
{
    public static string Json<T>(T value) => Write(JsonSerializer.SerializeToNode(value));

    private static string Write(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{JsonSerializer.Serialize(p.Key)}:{Write(p.Value)}")) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Write)) + "]",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.ToJsonString() is var text && (text.Contains('.') || text.Contains('E') || text.Contains('e'))
            => double.Parse(text, CultureInfo.InvariantCulture).ToString("G10", CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };
}
