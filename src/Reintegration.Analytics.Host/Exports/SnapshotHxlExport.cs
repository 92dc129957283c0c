using System.Globalization;
using Reintegration.Analytics.Domain.Snapshots;

namespace Reintegration.Analytics.Host.Exports;

/// <summary>
/// A snapshot as HXL-tagged CSV (hxlstandard.org): a hashtag row under the header, one line per unit and
/// indicator, and a value and an n column per group whose tags carry the group as attributes (<c>+f</c>, <c>+m</c>,
/// <c>+age18_24</c>, <c>+avrr</c>, <c>+cash</c>). Suppressed and missing values are empty cells, never a text
/// marker, so every value column holds numbers only (the CSV export has the suppression flag).
/// </summary>
internal static class SnapshotHxlExport
{
    private static readonly (string Header, string Tag)[] KeyColumns =
    [
        ("level", "#meta+level"), ("unit_code", "#loc+code"), ("unit_name", "#loc+name"), ("country", "#country+code"),
        ("region", "#region+code"), ("indicator", "#indicator+code"), ("date", "#date"),
    ];

    public static async Task WriteAsync(Stream body, SnapshotInfo info, IAsyncEnumerable<SnapshotRow> rows, CancellationToken cancellation)
    {
        await using var csv = SnapshotColumns.CreateCsv(body);
        var groups = SnapshotGroups.All;
        foreach (var (header, _) in KeyColumns) csv.WriteField(header);
        foreach (var group in groups)
        {
            csv.WriteField($"value {group}");
            csv.WriteField($"n {group}");
        }
        await csv.EndRecordAsync(cancellation);
        foreach (var (_, tag) in KeyColumns) csv.WriteField(tag);
        foreach (var group in groups)
        {
            csv.WriteField("#indicator+value+num" + SnapshotGroups.HxlAttribute(group));
            csv.WriteField("#meta+n" + SnapshotGroups.HxlAttribute(group));
        }
        await csv.EndRecordAsync(cancellation);

        var date = info.TakenAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var line = new List<SnapshotRow>();
        async Task WriteLineAsync()
        {
            var first = line[0];
            foreach (var value in new[] { first.Level, first.UnitCode, first.UnitName, first.Country, first.Region, first.Indicator, date })
                csv.WriteField(value ?? "");
            var byGroup = line.ToDictionary(r => r.Group);
            foreach (var group in groups)
            {
                var row = byGroup.GetValueOrDefault(group);
                SnapshotColumns.WriteNumber(csv, row?.Value);
                SnapshotColumns.WriteNumber(csv, row?.N);
            }
            await csv.EndRecordAsync(cancellation);
            line.Clear();
        }

        await foreach (var row in rows.WithCancellation(cancellation))
        {
            if (line.Count > 0 && (line[0].Level, line[0].UnitCode, line[0].Indicator) != (row.Level, row.UnitCode, row.Indicator))
                await WriteLineAsync();
            line.Add(row);
        }
        if (line.Count > 0) await WriteLineAsync();
        await csv.FlushAsync(cancellation);
    }
}
