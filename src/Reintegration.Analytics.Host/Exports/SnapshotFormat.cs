namespace Reintegration.Analytics.Host.Exports;

/// <summary>The download formats of a snapshot (SPEC §3.1), chosen by <c>?format=</c> or else by <c>Accept</c>.</summary>
internal sealed record SnapshotFormat(string Name, string ContentType, string Extension)
{
    public static readonly SnapshotFormat Json = new("json", "application/json", "json");
    public static readonly SnapshotFormat Csv = new("csv", "text/csv; charset=utf-8", "csv");
    public static readonly SnapshotFormat Hxl = new("hxl", "text/csv; charset=utf-8", "hxl.csv");
    public static readonly SnapshotFormat Xlsx = new("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

    public static readonly IReadOnlyList<SnapshotFormat> All = [Json, Csv, Hxl, Xlsx];

    /// <summary>The format asked for; null when <c>?format=</c> names none of them. Without either, JSON.</summary>
    public static SnapshotFormat? Choose(string? format, string? accept)
    {
        if (!string.IsNullOrEmpty(format)) return All.FirstOrDefault(f => f.Name == format);
        if (accept?.Contains(Xlsx.ContentType, StringComparison.OrdinalIgnoreCase) == true) return Xlsx;
        if (accept?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true) return Csv;
        return Json;
    }
}
