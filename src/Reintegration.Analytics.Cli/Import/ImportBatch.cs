namespace Reintegration.Analytics.Cli.Import;

/// <summary>
/// Records sent in one <c>POST /ingest</c>: the body, and for each line number the service may report, the record of
/// the file it stands for (its line in the file and what to write to the rejects file).
/// </summary>
public sealed record ImportBatch(
    string Body, string MediaType, IReadOnlyDictionary<long, ImportedRecord> ByReportedLine, long FilePosition);

/// <summary>A record of the file: the line it starts on, and its CSV fields or its NDJSON text.</summary>
public sealed record ImportedRecord(long FileLine, IReadOnlyList<string>? Fields, string? Text);
