using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reintegration.Analytics.Cli;

/// <summary>
/// The service's HTTP API as the commands use it: JSON in and out under <c>/api/v1</c>, and every failure turned into a
/// <see cref="CliException"/> that says what went wrong (the problem+json detail, or why the service could not be reached).
/// </summary>
public sealed class ServiceClient(HttpClient http, ServiceSettings settings) : IDisposable
{
    private const string Base = "api/v1/";

    public Task<JsonNode> GetAsync(string path, CancellationToken cancellation) =>
        SendAsync(new(HttpMethod.Get, Base + path), cancellation);

    public Task<JsonNode> PostJsonAsync(string path, object body, CancellationToken cancellation) =>
        SendAsync(new(HttpMethod.Post, Base + path) { Content = JsonContent.Create(body) }, cancellation);

    public Task<JsonNode> PostAsync(string path, HttpContent content, CancellationToken cancellation) =>
        SendAsync(new(HttpMethod.Post, Base + path) { Content = content }, cancellation);

    /// <summary>Streams a download into <paramref name="destination"/>; returns the bytes written.</summary>
    public async Task<long> DownloadAsync(string path, Stream destination, CancellationToken cancellation)
    {
        using var response = await SendRawAsync(new(HttpMethod.Get, Base + path), cancellation);
        await using var body = await response.Content.ReadAsStreamAsync(cancellation);
        await body.CopyToAsync(destination, cancellation);
        return destination.CanSeek ? destination.Length : 0;
    }

    private async Task<JsonNode> SendAsync(HttpRequestMessage request, CancellationToken cancellation)
    {
        using var response = await SendRawAsync(request, cancellation);
        var text = await response.Content.ReadAsStringAsync(cancellation);
        try
        {
            return JsonNode.Parse(text) ?? throw new CliException($"{request.RequestUri}: the service answered JSON null");
        }
        catch (JsonException)
        {
            throw new CliException($"{request.RequestUri}: the service answered something that is not JSON");
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken cancellation)
    {
        HttpResponseMessage response;
        try
        {
            using (request) response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"cannot reach the service at {settings.Url}: {e.Message} (set --url or REINTEGRATION_URL)");
        }
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellation);
            var detail = TryParse(text)?["detail"]?.GetValue<string>() ?? text;
            throw new CliException($"{(int)response.StatusCode} {response.ReasonPhrase}: {detail}");
        }
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose() => http.Dispose();
}
