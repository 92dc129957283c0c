using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;

namespace Reintegration.Analytics.Cli.Import;

/// <summary>
/// Reads an import file in batches: NDJSON (one record per line, any kind) or CSV surveys laid out like a
/// KoboToolbox export (sent as <c>text/csv</c>, each batch with the header). CSV is parsed here too, so a batch
/// never splits a record, and line numbers the service reports are mapped back to the file's.
/// </summary>
public static class ImportFile
{
    public static bool IsCsv(string path, string? format) =>
        format is not null ? format == "csv" : Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase);

    public static async IAsyncEnumerable<ImportBatch> NdjsonAsync(
        FileStream file, int batchSize, [EnumeratorCancellation] CancellationToken cancellation)
    {
        using var reader = new StreamReader(file, Encoding.UTF8, leaveOpen: true);
        var body = new StringBuilder();
        var records = new Dictionary<long, ImportedRecord>();
        long fileLine = 0;
        while (await reader.ReadLineAsync(cancellation) is { } line)
        {
            fileLine++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            body.Append(line).Append('\n');
            records[records.Count + 1] = new ImportedRecord(fileLine, null, line);
            if (records.Count < batchSize) continue;
            yield return new ImportBatch(body.ToString(), "application/x-ndjson", records, file.Position);
            (body, records) = (new StringBuilder(), new Dictionary<long, ImportedRecord>());
        }
        if (records.Count > 0) yield return new ImportBatch(body.ToString(), "application/x-ndjson", records, file.Position);
    }

    /// <summary>The CSV header of <paramref name="file"/>, then its batches (each with the header on line 1).</summary>
    public static async IAsyncEnumerable<ImportBatch> CsvAsync(FileStream file, int batchSize, Action<IReadOnlyList<string>> header,
        [EnumeratorCancellation] CancellationToken cancellation)
    {
        await using var reader = CsvReader.Create(file, new CsvReaderOptions { TrackLineNumbers = true }, leaveOpen: true);
        await reader.ReadHeaderAsync(cancellation);
        var names = reader.Headers.ToArray();
        header(names);
        StringWriter? body = null;
        CsvWriter? writer = null;
        var records = new Dictionary<long, ImportedRecord>();
        long bodyLine = 0;
        while (await reader.ReadAsync(cancellation))
        {
            if (writer is null)
            {
                body = new StringWriter();
                writer = CsvWriter.Create(body, new CsvWriterOptions { ValidateFieldCount = false }, leaveOpen: true);
                foreach (var name in names) writer.WriteField(name);
                await writer.EndRecordAsync(cancellation);
                bodyLine = 2;
            }
            var fields = Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray();
            records[bodyLine] = new ImportedRecord(reader.LineNumber, fields, null);
            foreach (var field in fields) writer.WriteField(field);
            await writer.EndRecordAsync(cancellation);
            bodyLine += 1 + fields.Sum(LineBreaks);
            if (records.Count < batchSize) continue;
            yield return await FinishAsync();
        }
        if (writer is not null) yield return await FinishAsync();

        async Task<ImportBatch> FinishAsync()
        {
            await writer!.FlushAsync(cancellation);
            await writer.DisposeAsync();
            var batch = new ImportBatch(body!.ToString(), "text/csv", records, file.Position);
            (writer, body, records) = (null, null, new Dictionary<long, ImportedRecord>());
            return batch;
        }
    }

    private static int LineBreaks(string field) => field.Count(c => c == '\n') + field.Replace("\r\n", "\n").Count(c => c == '\r');
}
