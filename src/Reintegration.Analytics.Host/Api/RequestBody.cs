using System.Text.Json;

namespace Reintegration.Analytics.Host.Api;

/// <summary>Reads a bounded JSON request body, turning malformed JSON and oversize bodies into problem answers.</summary>
internal static class RequestBody
{
    /// <param name="allowEmpty">Whether an empty body is fine (then neither a document nor a problem is returned).</param>
    public static async Task<(JsonDocument? Document, IResult? Problem)> ReadJsonAsync(
        HttpRequest request, long limit, bool allowEmpty = false)
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
        if (buffer.Length == 0) return (null, allowEmpty ? null : Problems.Invalid("body", "is empty; expected a JSON object"));

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.ToArray(), Parsing.JsonText.Options);
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
