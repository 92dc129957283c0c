using System.Globalization;
using System.Text.Json;
using Reintegration.Analytics.Domain.Validation;

namespace Reintegration.Analytics.Host.Parsing;

/// <summary>
/// Reads the fields of one JSON object, collecting a <see cref="FieldError"/> (with the field's
/// JSON path) for every missing, mistyped or out-of-range value instead of throwing, and rejecting
/// fields the record does not have so that a misspelt field is never silently dropped.
/// </summary>
internal sealed class JsonFields
{
    private readonly JsonElement _object;
    private readonly string _prefix;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public JsonFields(JsonElement element, List<FieldError> errors, string prefix = "")
    {
        _object = element;
        _prefix = prefix;
        Errors = errors;
    }

    public List<FieldError> Errors { get; }

    public string PathOf(string name) => _prefix.Length == 0 ? name : $"{_prefix}.{name}";

    public void Fail(string name, string message) => Errors.Add(new FieldError(PathOf(name), message));

    /// <summary>Reports every property not read (or declared with <see cref="Allow"/>) as unknown.</summary>
    public void RejectUnknownFields()
    {
        foreach (var property in _object.EnumerateObject())
            if (!_known.Contains(property.Name))
                Fail(property.Name, "is not a field of this record (names are case-sensitive camelCase)");
    }

    public void Allow(params string[] names) => _known.UnionWith(names);

    private JsonElement? Get(string name)
    {
        _known.Add(name);
        return _object.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    public string? String(string name, bool required, Func<string, bool>? isValid = null, string? rule = null)
    {
        if (Get(name) is not { } value)
        {
            if (required) Fail(name, "is required");
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(name, $"must be a string, not {Describe(value)}");
            return null;
        }
        var text = value.GetString()!;
        if (isValid is not null && !isValid(text))
        {
            Fail(name, $"'{text}' is not valid: {rule}");
            return null;
        }
        return text;
    }

    public string? OneOf(string name, bool required, IReadOnlyList<string> allowed) =>
        String(name, required, allowed.Contains, $"expected one of {string.Join(", ", allowed)}");

    public int? Integer(string name, bool required, int min, int max) => (int?)Long(name, required, min, max);

    public long? Long(string name, bool required, long min, long max)
    {
        if (Get(name) is not { } value)
        {
            if (required) Fail(name, "is required");
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            Fail(name, $"must be an integer, not {Describe(value)}");
            return null;
        }
        if (number < min || number > max)
        {
            Fail(name, $"{number} is out of range {min}..{max}");
            return null;
        }
        return number;
    }

    public double? Number(string name, double min, double max)
    {
        if (Get(name) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number))
        {
            Fail(name, $"must be a number, not {Describe(value)}");
            return null;
        }
        if (number < min || number > max)
        {
            Fail(name, $"{number.ToString(CultureInfo.InvariantCulture)} is out of range {min}..{max}");
            return null;
        }
        return number;
    }

    /// <summary>A non-negative amount up to <paramref name="max"/> (keeps every sum far from decimal overflow).</summary>
    public decimal? Money(string name, decimal max)
    {
        if (Get(name) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
        {
            Fail(name, $"must be a number, not {Describe(value)}");
            return null;
        }
        if (number < 0 || number > max)
        {
            Fail(name, $"{number} is out of range 0..{max}");
            return null;
        }
        return number;
    }

    public DateOnly? Date(string name, bool required)
    {
        if (String(name, required) is not { } text) return null;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Fail(name, $"'{text}' is not a date in the form yyyy-MM-dd");
            return null;
        }
        return date;
    }

    public IReadOnlyList<string>? StringSet(string name, IReadOnlyList<string> allowed)
    {
        if (Get(name) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(name, $"must be an array of strings, not {Describe(value)}");
            return null;
        }
        var result = new SortedSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var path = $"{name}[{index++}]";
            if (item.ValueKind != JsonValueKind.String || !allowed.Contains(item.GetString()!))
                Fail(path, $"expected one of {string.Join(", ", allowed)}");
            else
                result.Add(item.GetString()!);
        }
        return result.ToArray();
    }

    public JsonFields? Object(string name, bool required)
    {
        if (Get(name) is not { } value)
        {
            if (required) Fail(name, "is required");
            return null;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(name, $"must be an object, not {Describe(value)}");
            return null;
        }
        return new JsonFields(value, Errors, PathOf(name));
    }

    public IReadOnlyList<JsonFields>? Array(string name)
    {
        if (Get(name) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(name, $"must be an array, not {Describe(value)}");
            return null;
        }
        var items = new List<JsonFields>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var path = $"{name}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object) Fail(path, $"must be an object, not {Describe(item)}");
            else items.Add(new JsonFields(item, Errors, PathOf(path)));
        }
        return items;
    }

    /// <summary>The raw properties of an object-valued field, for maps such as survey answers.</summary>
    public IEnumerable<JsonProperty> Properties() => _object.EnumerateObject();

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
