using Reintegration.Analytics.Domain.Snapshots;

namespace Reintegration.Analytics.Host.Exports;

/// <summary>A snapshot's tidy table as RFC 4180 CSV (CsvHelper), one line per row, streamed as it is read.</summary>
internal static class SnapshotCsvExport
{
    public static async Task WriteAsync(Stream body, SnapshotInfo info, IAsyncEnumerable<SnapshotRow> rows, CancellationToken cancellation)
    {
        await using var csv = SnapshotColumns.CreateCsv(body);
        foreach (var name in SnapshotColumns.Names) csv.WriteField(name);
        await csv.EndRecordAsync(cancellation);
        await foreach (var row in rows.WithCancellation(cancellation))
        {
            foreach (var key in SnapshotColumns.Keys(info, row)) csv.WriteField(key ?? "");
            SnapshotColumns.WriteNumber(csv, row.Value);
            SnapshotColumns.WriteNumber(csv, row.Numerator);
            SnapshotColumns.WriteNumber(csv, row.Denominator);
            SnapshotColumns.WriteNumber(csv, row.N);
            csv.WriteField(row.Suppressed);
            await csv.EndRecordAsync(cancellation);
        }
        await csv.FlushAsync(cancellation);
    }
}
