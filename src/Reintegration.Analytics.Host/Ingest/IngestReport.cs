namespace Reintegration.Analytics.Host.Ingest;

/// <summary>The answer to <c>POST /ingest</c>: good lines are kept, each bad line is reported with its number.</summary>
public sealed record IngestReport(long Accepted, long Rejected, long Unchanged, IReadOnlyList<IngestLineError> Errors, double ElapsedSeconds);

/// <summary>A rejected line: its 1-based number, the offending field (JSON path) and why.</summary>
public sealed record IngestLineError(long Line, string? Field, string Error);

/// <summary>One line of an import: its 1-based number in the file and its NDJSON text, or why it has no record.</summary>
public sealed record IngestLine(long Number, string? Text, Domain.Validation.FieldError? Error);
