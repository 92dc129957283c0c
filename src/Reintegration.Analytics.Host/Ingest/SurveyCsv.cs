using System.Runtime.CompilerServices;
using System.Text.Json;
using CsvHelper;
using Reintegration.Analytics.Domain.Validation;

namespace Reintegration.Analytics.Host.Ingest;

/// <summary>
/// Surveys in a CSV file laid out like a KoboToolbox export (one survey per row): columns <c>caseId</c>, <c>surveyId</c>,
/// <c>date</c>, <c>round</c>, optionally <c>instrument</c>, and one column per instrument item, named by the item id (a
/// Kobo group path such as <c>economic/employed</c> counts by its last part). Kobo's own columns (<c>_id</c>,
/// <c>_uuid</c>, <c>_submission_time</c>, … and <c>start</c>, <c>end</c>, <c>today</c>, <c>deviceid</c>) are ignored; an empty
/// cell is an unanswered item. Each row becomes the NDJSON survey record it stands for, numbered by the line of the
/// file where it starts (the header is line 1), so the ingest report points at the file's lines.
/// </summary>
public static class SurveyCsv
{
    public const string MediaType = "text/csv";
    public static readonly IReadOnlyList<string> RequiredColumns = ["caseId", "surveyId", "date", "round"];
    private const string InstrumentColumn = "instrument";
    private static readonly HashSet<string> KoboColumns = ["start", "end", "today", "deviceid", "username", "simserial", "subscriberid"];

    public static bool IsIgnored(string column) =>
        column.StartsWith('_') || KoboColumns.Contains(column) || column.StartsWith("meta/", StringComparison.Ordinal);

    public static string ItemOf(string column) => column[(column.LastIndexOf('/') + 1)..];

    /// <summary>Reads the header; the lines follow as they are read, or the header's problem (a required column missing).</summary>
    /// <param name="maxRowBytes">The longest row read (one survey); a longer one ends the import with its line's error.</param>
    public static async Task<(IAsyncEnumerable<IngestLine>? Lines, FieldError? Error)> OpenAsync(
        Stream body, long maxRowBytes, CancellationToken cancellation)
    {
        var maxRow = (int)Math.Clamp(maxRowBytes, 256, int.MaxValue);
        // The limit is checked when the buffer must grow, so the buffer starts no larger than the limit.
        var options = new CsvReaderOptions { TrackLineNumbers = true, MaxRecordSize = maxRow, BufferSize = Math.Min(maxRow, 64 * 1024) };
        var reader = CsvReader.Create(body, options, leaveOpen: true);
        try
        {
            await reader.ReadHeaderAsync(cancellation);
        }
        catch (CsvFormatException e)
        {
            await reader.DisposeAsync();
            return (null, new FieldError("body", $"the CSV header cannot be read: {e.Message}"));
        }
        if (reader.Headers is not { Count: > 0 })
        {
            await reader.DisposeAsync();
            return (null, new FieldError("body",
                "is empty; expected a CSV header row (caseId, surveyId, date, round, then one column per item)"));
        }
        var headers = reader.Headers.ToArray();
        var missing = RequiredColumns.FirstOrDefault(c => !headers.Contains(c));
        if (missing is not null)
        {
            await reader.DisposeAsync();
            return (null, new FieldError(missing, $"column is missing from the CSV header (needed: {string.Join(", ", RequiredColumns)})"));
        }
        var columns = headers.Select(Column.Of).ToArray();
        var duplicate = columns.Where(c => c.Name is not null).GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            await reader.DisposeAsync();
            return (null, new FieldError(duplicate.Key!, "appears in more than one column of the CSV header"));
        }
        return (Lines(reader, columns, cancellation), null);
    }

    /// <summary>What a header column is, worked out once for all rows: a record field, an item of the answers, or ignored.</summary>
    private sealed record Column(string? Field, string? Item)
    {
        public string? Name => Field ?? Item;

        public static Column Of(string header) =>
            RequiredColumns.Contains(header) || header == InstrumentColumn ? new(header, null)
            : IsIgnored(header) ? new(null, null)
            : new(null, ItemOf(header));
    }

    private static async IAsyncEnumerable<IngestLine> Lines(
        CsvReader reader, Column[] columns, [EnumeratorCancellation] CancellationToken cancellation)
    {
        await using var _ = reader;
        yield return new IngestLine(1, "", null);
        while (true)
        {
            bool more;
            FieldError? unreadable = null;
            long unreadableLine = 0;
            try
            {
                more = await reader.ReadAsync(cancellation);
            }
            catch (CsvFormatException e)
            {
                // Past a row that cannot be read (too long, or a quote that never closes) the rows cannot be told apart.
                more = false;
                unreadable = new FieldError("line", $"cannot be read, so the import stops here: {e.Message}");
                unreadableLine = e.LineNumber > 0 ? e.LineNumber : reader.LineNumber + 1;
            }
            if (unreadable is not null) yield return new IngestLine(unreadableLine, null, unreadable);
            if (!more) break;
            var line = reader.LineNumber;
            if (reader.FieldCount != columns.Length)
            {
                var error = new FieldError("line", $"has {reader.FieldCount} fields, the header {columns.Length}");
                yield return new IngestLine(line, null, error);
                continue;
            }
            yield return new IngestLine(line, ToJson(reader, columns), null);
        }
    }

    private static string ToJson(CsvReader reader, Column[] columns)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("kind", "survey");
            for (var i = 0; i < columns.Length; i++)
                if (columns[i].Field is { } field && (field != InstrumentColumn || !reader.IsEmpty(i)))
                    json.WriteString(field, reader.GetString(i));
            json.WriteStartObject("answers");
            for (var i = 0; i < columns.Length; i++)
                if (columns[i].Item is { } item && !reader.IsEmpty(i))
                    json.WriteString(item, reader.GetString(i));
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
