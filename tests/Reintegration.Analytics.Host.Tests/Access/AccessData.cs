using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Reintegration.Analytics.Host.Tests.Infrastructure;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Host.Tests.Access;

/// <summary>
/// Data on both sides of a scope line for the access tests: a community, a case and a snapshot in Tunisia (MENA, the
/// scoped keys' region) and in Serbia (SEECA, outside it), registered by the admin.
/// </summary>
public sealed class AccessData
{
    public const string InCountry = "TUN";
    public const string OutCountry = "SRB";
    public const string InRegion = TestCredentials.Scope;
    public const string OutRegion = "SEECA";

    public required string InCommunity { get; init; }
    public required string OutCommunity { get; init; }
    public required string InCase { get; init; }
    public required string OutCase { get; init; }
    public required string InSnapshot { get; init; }
    public required string OutSnapshot { get; init; }

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static AccessData? _data;

    public static async Task<AccessData> OfAsync(ApiFactory factory)
    {
        await Once.WaitAsync();
        try
        {
            if (_data is not null) return _data;
            var api = factory.Api;
            var (inCommunity, inCase) = await api.NewReturnee(InCountry);
            var (outCommunity, outCase) = await api.NewReturnee(OutCountry);
            return _data = new AccessData
            {
                InCommunity = inCommunity, OutCommunity = outCommunity, InCase = inCase, OutCase = outCase,
                InSnapshot = await api.TakeAsync(InRegion), OutSnapshot = await api.TakeAsync(OutRegion),
            };
        }
        finally
        {
            Once.Release();
        }
    }

    /// <summary>Sends a request as a caller: a role's key, a raw key, a bearer value, or nobody.</summary>
    public static async Task<HttpResponseMessage> SendAsync(
        ApiFactory factory, HttpMethod method, string path, object? body = null, string? apiKey = null, string? bearer = null)
    {
        using var client = factory.Server.CreateClient(); // no default credentials
        var request = new HttpRequestMessage(method, path);
        if (apiKey is not null) request.Headers.Add(TestCredentials.Header, apiKey);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (body is string text) request.Content = new StringContent(text, Encoding.UTF8, "application/x-ndjson");
        else if (body is not null)
            request.Content = new StringContent(JsonSerializer.Serialize(body, ApiClient.Json), Encoding.UTF8, "application/json");
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
