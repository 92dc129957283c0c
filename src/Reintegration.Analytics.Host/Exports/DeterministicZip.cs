using System.IO.Compression;

namespace Reintegration.Analytics.Host.Exports;

/// <summary>
/// Copies a ZIP archive (an XLSX workbook) entry by entry with every entry's time set to one given moment, so the
/// same content always gives the same bytes: ZIP writers stamp entries with the clock, which would make two
/// downloads of one snapshot differ.
/// </summary>
internal static class DeterministicZip
{
    public static void Copy(Stream source, Stream destination, DateTimeOffset entryTime)
    {
        using var input = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
        using var output = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var entry in input.Entries)
        {
            var copy = output.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            copy.LastWriteTime = entryTime;
            using var from = entry.Open();
            using var to = copy.Open();
            from.CopyTo(to);
        }
    }
}
