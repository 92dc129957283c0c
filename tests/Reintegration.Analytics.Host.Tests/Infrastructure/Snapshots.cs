using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reintegration.Analytics.Domain.Snapshots;
using Xunit.Sdk;

namespace Reintegration.Analytics.Host.Tests.Infrastructure;

/// <summary>Taking and reading snapshots through the API, as a client would.</summary>
public static class Snapshots
{
    /// <summary>Asks for a snapshot (which must be accepted with a status URL) and waits until it is ready; returns its id.</summary>
    public static async Task<string> TakeAsync(this ApiClient api, string? scope = null, string? label = null)
    {
        using var response = await api.Http.PostAsJsonAsync(ApiClient.Base + "/snapshots", new { label, scope });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        var accepted = JsonNode.Parse(body)!;
        var statusUrl = accepted["statusUrl"]!.GetValue<string>();
        Assert.Equal(statusUrl, response.Headers.Location?.OriginalString);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var status = JsonNode.Parse(await api.Http.GetStringAsync(statusUrl))!;
            switch (status["status"]!.GetValue<string>())
            {
                case SnapshotInfo.Ready: return status["id"]!.GetValue<string>();
                case SnapshotInfo.Failed: throw new XunitException($"snapshot failed: {status}");
            }
            if (DateTime.UtcNow > deadline) throw new XunitException($"snapshot not ready after 60 s: {status}");
            await Task.Delay(50);
        }
    }

    public static async Task<byte[]> DownloadAsync(this ApiClient api, string id, string format)
    {
        using var response = await api.Http.GetAsync($"{ApiClient.Base}/snapshots/{id}?format={format}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The rows of a snapshot, from its JSON download.</summary>
    public static async Task<IReadOnlyList<SnapshotRow>> RowsAsync(this ApiClient api, string id) =>
        JsonNode.Parse(await api.DownloadAsync(id, "json"))!["rows"]!.AsArray()
            .Select(r => r.Deserialize<SnapshotRow>(ApiClient.Json)!).ToList();
}
