using System.Text.Json;
using Reintegration.Analytics.Domain.Vocabulary;

namespace Reintegration.Analytics.Domain.Instruments;

/// <summary>Reads and validates an instrument definition; a broken definition raises <see cref="InvalidInstrumentException"/>.</summary>
public static class InstrumentLoader
{
    public static Instrument Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidInstrumentException(source, $"not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new InvalidInstrumentException(source, "the top level must be a JSON object");
            var problems = new List<string>();
            var id = ReadString(root, "id", problems);
            var minAnswered = ReadDecimal(root, "minAnsweredWeight", problems);
            var threshold = ReadDecimal(root, "sustainableThreshold", problems);
            if (minAnswered is < 0 or > 1) problems.Add("minAnsweredWeight must be within 0..1");
            if (threshold is < 0 or > 1) problems.Add("sustainableThreshold must be within 0..1");

            var items = ReadItems(root, problems);
            var dimensionWeights = ReadDimensionWeights(root, problems);
            var unscored = ReadUnscored(root, problems);

            foreach (var dimension in Dimension.Scored)
            {
                var total = items.Where(i => i.Dimension == dimension).Sum(i => i.Weight);
                if (total <= 0) problems.Add($"dimension '{dimension}' has no items with positive weight");
                else if (minAnswered is { } m && m > total)
                    problems.Add($"dimension '{dimension}' can never reach minAnsweredWeight {m} (its weights sum to {total})");
            }

            if (problems.Count > 0 || id is null || minAnswered is null || threshold is null)
                throw new InvalidInstrumentException(source, string.Join("; ", problems));
            return new Instrument(id, items, dimensionWeights, minAnswered.Value, threshold.Value, unscored);
        }
    }

    private static List<InstrumentItem> ReadItems(JsonElement root, List<string> problems)
    {
        var items = new List<InstrumentItem>();
        if (!root.TryGetProperty("items", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            problems.Add("'items' must be an array");
            return items;
        }

        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var where = $"items[{index++}]";
            var itemProblems = new List<string>();
            var itemId = ReadString(element, "id", itemProblems);
            var dimension = ReadString(element, "dimension", itemProblems);
            var scaleName = ReadString(element, "scale", itemProblems);
            var weight = ReadDecimal(element, "weight", itemProblems);
            var question = element.TryGetProperty("question", out var q) && q.ValueKind == JsonValueKind.String ? q.GetString()! : "";
            if (dimension is not null && !Dimension.Scored.Contains(dimension))
                itemProblems.Add($"dimension '{dimension}' is not one of {string.Join(", ", Dimension.Scored)}");
            if (scaleName is not null && !AnswerScales.TryParseName(scaleName, out _))
                itemProblems.Add($"scale '{scaleName}' is not one of likert5, likert5r, yesno, yesnor, debt");
            if (weight is <= 0) itemProblems.Add("weight must be positive");
            if (itemId is not null && items.Any(i => i.Id == itemId)) itemProblems.Add($"duplicate item id '{itemId}'");

            if (itemProblems.Count > 0)
            {
                problems.AddRange(itemProblems.Select(p => $"{where} ({itemId ?? "?"}): {p}"));
                continue;
            }
            AnswerScales.TryParseName(scaleName, out var scale);
            items.Add(new InstrumentItem(itemId!, dimension!, scale, weight!.Value, question));
        }
        return items;
    }

    private static Dictionary<string, decimal> ReadDimensionWeights(JsonElement root, List<string> problems)
    {
        var weights = Dimension.Scored.ToDictionary(d => d, _ => 1m);
        if (!root.TryGetProperty("dimensionWeights", out var element)) return weights;
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add("'dimensionWeights' must be an object");
            return weights;
        }
        foreach (var dimension in Dimension.Scored)
        {
            var w = ReadDecimal(element, dimension, problems);
            if (w is <= 0) problems.Add($"dimensionWeights.{dimension} must be positive");
            if (w is { } value) weights[dimension] = value;
        }
        return weights;
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadUnscored(JsonElement root, List<string> problems)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>();
        if (!root.TryGetProperty("unscoredItems", out var array)) return result;
        if (array.ValueKind != JsonValueKind.Array)
        {
            problems.Add("'unscoredItems' must be an array");
            return result;
        }
        foreach (var element in array.EnumerateArray())
        {
            var id = ReadString(element, "id", problems);
            if (id is null) continue;
            if (!element.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Array
                || values.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            {
                problems.Add($"unscoredItems '{id}': 'values' must be an array of strings");
                continue;
            }
            result[id] = values.EnumerateArray().Select(v => v.GetString() ?? "").ToArray();
        }
        return result;
    }

    private static string? ReadString(JsonElement element, string name, List<string> problems)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))
            return value.GetString();
        problems.Add($"'{name}' must be a non-empty string");
        return null;
    }

    private static decimal? ReadDecimal(JsonElement element, string name, List<string> problems)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
            return number;
        problems.Add($"'{name}' must be a number");
        return null;
    }
}

public sealed class InvalidInstrumentException(string source, string problem)
    : Exception($"Instrument file '{source}' is invalid: {problem}");
