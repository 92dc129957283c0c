using System.Text.Json;

namespace Reintegration.Analytics.Host.Parsing;

/// <summary>
/// <see cref="JsonDocument"/> accepts escapes such as an unpaired <c>\ud800</c> and only fails when
/// the string is read; checking every string and property name once up front turns that into a
/// clear 400 instead of an exception deep inside parsing.
/// </summary>
internal static class JsonText
{
    /// <summary>Records nest three levels at most (a record, its answers or services, a project); deeper input is refused early.</summary>
    public const int MaxDepth = 16;

    public static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxDepth };

    public const string Problem = "contains text that is not valid Unicode (e.g. an unpaired surrogate escape or invalid UTF-8)";

    public static bool IsWellFormed(JsonElement element)
    {
        try
        {
            Visit(element);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void Visit(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                _ = element.GetString();
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    Visit(property.Value);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) Visit(item);
                break;
        }
    }
}
