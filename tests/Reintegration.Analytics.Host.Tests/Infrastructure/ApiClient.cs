using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace Reintegration.Analytics.Host.Tests.Infrastructure;

/// <summary>An HTTP answer with its body kept as text (and parsed as JSON on demand).</summary>
public sealed record Reply(HttpStatusCode Status, string? MediaType, string Body)
{
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new XunitException($"body is JSON null: {Body}");

    public override string ToString() => $"{(int)Status} {MediaType}: {Body}";
}

/// <summary>Thin helpers over the API's routes (base path /api/v1).</summary>
public sealed class ApiClient(HttpClient http)
{
    public const string Base = "/api/v1";
    public static readonly TimeSpan EventuallyTimeout = TimeSpan.FromSeconds(5);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Http => http;

    public Task<Reply> Put(string path, object body) => PutRaw(path, JsonSerializer.Serialize(body, Json));

    public Task<Reply> PutRaw(string path, string json) =>
        Send(new HttpRequestMessage(HttpMethod.Put, Base + path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    public Task<Reply> Get(string path) => Send(new HttpRequestMessage(HttpMethod.Get, Base + path));

    public Task<Reply> Ingest(params string[] lines) => IngestRaw(string.Join("\n", lines) + "\n");

    public Task<Reply> IngestRaw(string body) =>
        Send(new HttpRequestMessage(HttpMethod.Post, Base + "/ingest") { Content = new StringContent(body, Encoding.UTF8, "application/x-ndjson") });

    public async Task<Reply> Send(HttpRequestMessage request)
    {
        using (request)
        using (var response = await http.SendAsync(request))
            return new Reply(response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    /// <summary>PUT that must be acknowledged; returns the status ("applied" / "unchanged").</summary>
    public async Task<string> MustPut(string path, object body)
    {
        var reply = await Put(path, body);
        Assert.True(reply.Status == HttpStatusCode.OK, $"PUT {path} → {reply}");
        return reply.Json["status"]!.GetValue<string>();
    }

    /// <summary>GET that must answer 200 with a JSON body.</summary>
    public async Task<JsonNode> MustGet(string path)
    {
        var reply = await Get(path);
        Assert.True(reply.Status == HttpStatusCode.OK, $"GET {path} → {reply}");
        return reply.Json;
    }

    /// <summary>
    /// Polls <paramref name="path"/> until <paramref name="assertion"/> passes (aggregates above the
    /// community are pushed asynchronously); after the timeout the last assertion failure is thrown.
    /// </summary>
    public async Task<JsonNode> Eventually(string path, Action<JsonNode> assertion, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var document = await MustGet(path);
            try
            {
                assertion(document);
                return document;
            }
            catch (Exception e) when (NotYet(e) && clock.Elapsed < (timeout ?? EventuallyTimeout))
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>A failed assertion, or a field the document does not carry yet (null where the test reads a value).</summary>
    private static bool NotYet(Exception e) => e is XunitException or NullReferenceException;

    /// <summary>
    /// An aggregate document that holds every write acknowledged before the call: one the live table read (its <c>asOf</c>)
    /// more than two push delays (community to country, country to the table) after the call began.
    /// </summary>
    public async Task<JsonNode> Current(string path)
    {
        var since = DateTimeOffset.UtcNow + 2 * ApiFactory.PushDelay + TimeSpan.FromMilliseconds(50);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var document = await MustGet(path);
            if (DateTimeOffset.Parse(document["asOf"]!.GetValue<string>()) > since) return document;
            Assert.True(clock.Elapsed < EventuallyTimeout, $"GET {path}: the live table did not read the figures again within {EventuallyTimeout}");
            await Task.Delay(50);
        }
    }

    /// <summary>Like <see cref="Eventually(string, Action{JsonNode}, TimeSpan?)"/> for an assertion that reads several documents.</summary>
    public static async Task Eventually(Func<Task> assertion, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Exception e) when (NotYet(e) && clock.Elapsed < (timeout ?? EventuallyTimeout))
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Asserts an RFC 9457 problem answer with the given status naming <paramref name="field"/>.</summary>
    public static JsonNode AssertProblem(Reply reply, HttpStatusCode status, string? field)
    {
        Assert.True(reply.Status == status, $"expected {(int)status}, got {reply}");
        Assert.Equal("application/problem+json", reply.MediaType);
        var problem = reply.Json;
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        if (field is not null)
            Assert.True(problem["field"]?.GetValue<string>() == field, $"expected field '{field}', got {reply.Body}");
        return problem;
    }

    public static StreamContent Unsized(byte[] bytes, string mediaType = "application/json")
    {
        // A stream content without a length: sent chunked, so the server cannot reject it up front.
        var content = new StreamContent(new NonSeekableStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

/// <summary>Unique ids per test, so tests sharing the host never see each other's records.</summary>
public static class Ids
{
    public static string New(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 64)];
}

/// <summary>Dates relative to today (UTC), as the API writes them.</summary>
public static class Days
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static string Ago(int days) => Today.AddDays(-days).ToString("yyyy-MM-dd");

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd");
}
