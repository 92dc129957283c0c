using System.Text.Json;
using Reintegration.Analytics.Domain.Snapshots;

namespace Reintegration.Analytics.Host.Exports;

/// <summary>A snapshot as one JSON document, <c>{ snapshot: {…}, rows: [...] }</c>, its rows streamed as they are read.</summary>
internal static class SnapshotJsonExport
{
    public static Task WriteAsync(Stream body, SnapshotInfo info, IAsyncEnumerable<SnapshotRow> rows, JsonSerializerOptions json,
        CancellationToken cancellation) =>
        JsonSerializer.SerializeAsync(body, new { snapshot = info, rows }, json, cancellation);
}
