using Reintegration.Analytics.Domain.Indicators;
using Reintegration.Analytics.Domain.Snapshots;
using SpreadCheetah;

namespace Reintegration.Analytics.Host.Exports;

/// <summary>
/// A snapshot as an XLSX workbook (SpreadCheetah, written forward-only so a large snapshot streams): a README sheet
/// that explains the snapshot, the indicators, suppression and the instrument, then one sheet per level in the
/// snapshot (global, regions, countries, communities) with the columns of the CSV export.
/// </summary>
internal static class SnapshotXlsxExport
{
    /// <summary>Data rows per worksheet: Excel's limit of 1,048,576 rows, less the header.</summary>
    public const int MaxRowsPerSheet = 1_048_575;

    private static readonly Dictionary<string, string> SheetNames = new()
    {
        [IndicatorCodebook.Global] = "global", [IndicatorCodebook.Region] = "regions",
        [IndicatorCodebook.Country] = "countries", [IndicatorCodebook.Community] = "communities",
    };

    /// <summary>
    /// Writes the workbook to a temporary file, copies it with fixed entry times (<see cref="DeterministicZip"/>) to a second
    /// one and streams that: ZIP writers need synchronous writes, which the response does not take.
    /// </summary>
    public static async Task WriteAsync(Stream body, SnapshotInfo info, IAsyncEnumerable<SnapshotRow> rows, CancellationToken cancellation)
    {
        var (written, normalised) = (Path.GetTempFileName(), Path.GetTempFileName());
        try
        {
            await using (var file = TemporaryFile(written, FileMode.Create))
                await WriteWorkbookAsync(file, info, rows, cancellation);
            await using (var source = TemporaryFile(written, FileMode.Open))
            await using (var destination = TemporaryFile(normalised, FileMode.Create))
                await Task.Run(() => DeterministicZip.Copy(source, destination, info.TakenAt), cancellation);
            await using var result = TemporaryFile(normalised, FileMode.Open);
            await result.CopyToAsync(body, cancellation);
        }
        finally
        {
            File.Delete(written);
            File.Delete(normalised);
        }
    }

    private static FileStream TemporaryFile(string path, FileMode mode) =>
        new(path, mode, mode == FileMode.Open ? FileAccess.Read : FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.Asynchronous);

    private static async Task WriteWorkbookAsync(
        Stream file, SnapshotInfo info, IAsyncEnumerable<SnapshotRow> rows, CancellationToken cancellation)
    {
        await using var workbook = await Spreadsheet.CreateNewAsync(file, new SpreadCheetahOptions
        {
            BufferSize = 64 * 1024,
            DocumentProperties = null, // core.xml would carry the time of writing; the README sheet says what the file is
        }, cancellation);
        await WriteReadmeAsync(workbook, info, cancellation);
        string? level = null;
        var (sheet, sheetRows) = (0, 0);
        await foreach (var row in rows.WithCancellation(cancellation))
        {
            // A worksheet holds 1,048,576 rows: a level with more continues on "communities 2", "communities 3", …
            if (row.Level != level || sheetRows == MaxRowsPerSheet)
            {
                (sheet, sheetRows) = (row.Level == level ? sheet + 1 : 1, 0);
                level = row.Level;
                await workbook.StartWorksheetAsync(sheet == 1 ? SheetNames[level] : $"{SheetNames[level]} {sheet}", token: cancellation);
                await workbook.AddRowAsync(SnapshotColumns.Names.Select(n => new DataCell(n)).ToArray(), cancellation);
            }
            sheetRows++;
            DataCell[] cells =
            [
                .. SnapshotColumns.Keys(info, row).Select(k => new DataCell(k)),
                new(row.Value), new(row.Numerator), new(row.Denominator), new(row.N), new(row.Suppressed),
            ];
            await workbook.AddRowAsync(cells, cancellation);
        }
        await workbook.FinishAsync(cancellation);
    }

    private static async Task WriteReadmeAsync(Spreadsheet workbook, SnapshotInfo info, CancellationToken cancellation)
    {
        await workbook.StartWorksheetAsync("README", token: cancellation);
        string[][] lines =
        [
            ["Reintegration Analytics indicator snapshot"],
            ["snapshot", info.Id],
            ["label", info.Label ?? ""],
            ["scope", info.Scope],
            ["taken at (UTC)", SnapshotColumns.TakenAt(info)],
            ["minimum cell size (k)", info.MinimumCellSize.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            ["instrument", info.Instrument],
            [],
            ["How to read", "Each row is a unit (community, country, region or global) × an indicator × a group (total; sex, "
                + "age band or return type for returnees, and at country level and above for score means and shares too; "
                + "assistance type for assistance figures). value is the figure; for a mean, numerator is the sum and denominator "
                + "the n; for a share, its two counts; n is the number of returnees it is over."],
            ["Suppression", $"A figure over 1 to {info.MinimumCellSize - 1} returnees is suppressed: its cells are empty and suppressed "
                + "is TRUE. Further figures are suppressed where a hidden one could otherwise be recovered by subtraction within this "
                + "snapshot (groups against their total, communities against their country, countries against their region, regions "
                + "against the global figure). Zero is shown; an empty value that is not suppressed means no data."],
            ["Instrument", $"Scores come from the monitoring survey instrument {info.Instrument}: each dimension 0 to 1 (1 best), the "
                + "composite their weighted mean; reintegration is sustainable at a composite of 0.50 or more."],
            ["Consistency", "Every country's numerators and denominators are the sums of its communities' in this snapshot, and so up "
                + "to the global figure; each country and its communities were read at one moment."],
            [],
            ["indicator", "name", "unit", "definition", "formula", "levels"],
            .. IndicatorCodebook.All.Select(i => new[] { i.Code, i.Name, i.Unit, i.Definition, i.Formula, string.Join(", ", i.Levels) }),
        ];
        foreach (var line in lines) await workbook.AddRowAsync(line.Select(text => new DataCell(text)).ToArray(), cancellation);
    }
}
