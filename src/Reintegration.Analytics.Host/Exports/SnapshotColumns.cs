using System.Globalization;
using CsvHelper;
using Reintegration.Analytics.Domain.Snapshots;

namespace Reintegration.Analytics.Host.Exports;

/// <summary>
/// The columns of a snapshot's tidy table in CSV and XLSX, in order, with each row's values: text for the
/// identifying columns, numbers as they are (null when suppressed or without data). Numbers are written with
/// round-trip precision in the invariant culture, so every download of a snapshot is the same bytes.
/// </summary>
internal static class SnapshotColumns
{
    public static readonly string[] Names =
    [
        "snapshot_id", "taken_at", "instrument", "level", "unit_code", "unit_name", "country", "region", "indicator", "group",
        "value", "numerator", "denominator", "n", "suppressed",
    ];

    public static string TakenAt(SnapshotInfo info) =>
        info.TakenAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The identifying columns (everything before <c>value</c>).</summary>
    public static string?[] Keys(SnapshotInfo info, SnapshotRow row) =>
        [info.Id, TakenAt(info), info.Instrument, row.Level, row.UnitCode, row.UnitName, row.Country, row.Region, row.Indicator, row.Group];

    /// <summary>
    /// An RFC 4180 writer (CRLF, quotes where needed, no byte order mark) in the invariant culture. Text that a
    /// spreadsheet would run as a formula (a community named "=…") is escaped; numbers are written as numbers.
    /// </summary>
    public static CsvWriter CreateCsv(Stream body) => CsvWriter.Create(body, new CsvWriterOptions
    {
        FormatProvider = CultureInfo.InvariantCulture,
        Injection = CsvInjection.Escape,
        TrueValue = "true",
        FalseValue = "false",
    }, leaveOpen: true);

    public static void WriteNumber(CsvWriter csv, double? value) => csv.WriteField(value, "R");

    public static void WriteNumber(CsvWriter csv, long? value) => csv.WriteField(value, "");
}
