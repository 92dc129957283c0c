using System.Text.Json;
using CsvHelper;

namespace Reintegration.Analytics.Cli.Import;

/// <summary>
/// Every rejected record with its line in the imported file and the reason. For CSV it is the file's own columns plus
/// <c>_line</c> and <c>_error</c> (columns the service ignores), so the corrected file can be imported again as it is; for
/// NDJSON, one JSON object per rejected line: <c>{ line, field, error, record }</c>.
/// </summary>
public sealed class RejectsFile : IAsyncDisposable
{
    private readonly StreamWriter _text;
    private readonly CsvWriter? _csv;
    private readonly int _columns;

    public RejectsFile(string path, IReadOnlyList<string>? csvHeader)
    {
        _text = new StreamWriter(path);
        if (csvHeader is null) return;
        _columns = csvHeader.Count;
        _csv = CsvWriter.Create(_text, new CsvWriterOptions { ValidateFieldCount = false }, leaveOpen: true);
        foreach (var name in csvHeader.Append("_line").Append("_error")) _csv.WriteField(name);
        _csv.EndRecord();
    }

    public int Count { get; private set; }

    public async Task AddAsync(ImportedRecord record, string? field, string error)
    {
        Count++;
        if (_csv is not null)
        {
            // A short row is padded and a long one cut at the header's width, so that _line and _error stay in their columns
            // (the cut fields go into _error).
            var fields = record.Fields!;
            var padding = Enumerable.Repeat("", Math.Max(0, _columns - fields.Count));
            foreach (var value in fields.Take(_columns).Concat(padding)) _csv.WriteField(value);
            _csv.WriteField(record.FileLine.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var beyond = fields.Count > _columns ? $" (fields beyond the header: {string.Join(",", fields.Skip(_columns))})" : "";
            _csv.WriteField(error + beyond);
            await _csv.EndRecordAsync();
            return;
        }
        await _text.WriteLineAsync(JsonSerializer.Serialize(new { line = record.FileLine, field, error, record = record.Text }));
    }

    public async ValueTask DisposeAsync()
    {
        if (_csv is not null) await _csv.DisposeAsync();
        await _text.DisposeAsync();
    }
}
