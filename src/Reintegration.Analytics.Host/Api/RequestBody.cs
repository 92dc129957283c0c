using System.Text.Json;

namespace Reintegration.Analytics.Host.Api;

/// <summary>Reads a bounded JSON request body, turning malformed JSON and oversize bodies into problem answers.</summary>
internal static class RequestBody
{
    public static async Task<(JsonDocument? Document, IResult? Problem)> ReadJsonAsync(HttpRequest request, long limit)
    {
        if (request.ContentLength > limit) return (null, Problems.TooLarge(limit));

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit) return (null, Problems.TooLarge(limit));
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) return (null, Problems.Invalid("body", "is empty; expected a JSON object"));

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException e)
        {
            return (null, Problems.Invalid("body", $"is not valid JSON: {e.Message}"));
        }
        if (Parsing.JsonText.IsWellFormed(document.RootElement)) return (document, null);
        document.Dispose();
        return (null, Problems.Invalid("body", Parsing.JsonText.Problem));
    }
}
