using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Reintegration.Analytics.Domain.Access;
using Reintegration.Analytics.Grains;
using Reintegration.Analytics.Host.Metrics;
using Reintegration.Analytics.Host.Parsing;

namespace Reintegration.Analytics.Host.Ingest;

/// <summary>
/// Reads NDJSON records (SPEC §3.1 <c>POST /ingest</c>) and applies them with bounded concurrency,
/// in an order equivalent to line order (see <see cref="KeyedOrdering"/>). A bad line never stops
/// the import: it is reported and the good lines are kept. A line that fails for a transient
/// reason is retried first (see <see cref="IngestRetry"/>).
/// </summary>
public sealed class IngestProcessor(RecordParser parser, RecordApplier applier, IngestMetrics metrics, ILogger<IngestProcessor> logger)
{
    private readonly Polly.ResiliencePipeline _retry = IngestRetry.Default;

    /// <summary>Grain calls in flight at once; enough to keep both cores busy without unbounded memory.</summary>
    public const int MaxInFlight = 1024;

    /// <summary>Consecutive lines about one case sent in one grain call at most.</summary>
    public const int MaxSameCase = 64;

    private const int PruneEvery = 20_000;
    private const int ProgressEvery = 100_000;

    /// <param name="maxLineChars">The longest line read; a longer one is rejected (and skipped) without being held whole.</param>
    public Task<IngestReport> IngestAsync(
        TextReader lines, long maxLineChars, Caller caller, CancellationToken cancellationToken, IngestTally? tally = null) =>
        IngestAsync(NdjsonLines(lines, maxLineChars, cancellationToken), caller, cancellationToken, tally);

    /// <summary>
    /// Applies the records of the lines (each NDJSON text, or an error found before parsing, such as a malformed CSV row)
    /// as the caller, whose scope decides which lines it may write. <paramref name="tally"/> counts as it goes; if the import
    /// stops early (the body is cut off, the request times out), the lines already in flight finish before it throws.
    /// </summary>
    public async Task<IngestReport> IngestAsync(
        IAsyncEnumerable<IngestLine> lines, Caller caller, CancellationToken cancellationToken, IngestTally? tally = null)
    {
        tally ??= new IngestTally();
        var stopwatch = Stopwatch.StartNew();
        var ordering = new KeyedOrdering();
        var slots = new SemaphoreSlim(MaxInFlight);
        var errors = new List<IngestLineError>();
        var inFlight = new List<Task>();
        long read = 0;

        void Reject(long line, string? field, string error)
        {
            lock (errors) errors.Add(new IngestLineError(line, field, error));
            tally.CountRejected();
        }

        // Consecutive lines about one case, gathered while more lines are at hand, go to its grain in one call.
        var sameCase = new List<(long Line, IngestRecord Record)>();
        try
        {
            await ReadAllAsync();
        }
        catch
        {
            // Nothing more is read. Lines read but not handed over yet are handed over, and what was handed over completes
            // before the answer goes out (work that had not started when the request was cancelled does not start).
            try
            {
                await DispatchSameCaseAsync(CancellationToken.None);
                await Task.WhenAll(inFlight);
            }
            catch (OperationCanceledException)
            {
            }
            throw;
        }
        await Task.WhenAll(inFlight);
        var sorted = errors.OrderBy(e => e.Line).ToList();
        return new IngestReport(tally.Accepted, sorted.Count, tally.Unchanged, sorted, stopwatch.Elapsed.TotalSeconds);

        async Task ReadAllAsync()
        {
            await using var reader = lines.GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                var next = reader.MoveNextAsync();
                // Before waiting for more input, the gathered lines go: a slow stream's lines are not held back.
                if (!next.IsCompleted)
                {
                    try
                    {
                        await DispatchSameCaseAsync(cancellationToken);
                    }
                    catch
                    {
                        // The reader must not be disposed while it is still reading: its own outcome comes second.
                        try
                        {
                            await next;
                        }
                        catch (Exception)
                        {
                        }
                        throw;
                    }
                }
                if (!await next) break;
                var (number, line, lineError) = reader.Current;
                if (lineError is null && string.IsNullOrWhiteSpace(line)) continue;
                var (record, error, kind) = lineError is null ? ParseLine(line!) : (null, lineError, IngestMetrics.UnknownKind);
                if (record is null)
                {
                    metrics.Count(kind, IngestMetrics.Rejected);
                    Reject(number, error!.Field, error.Message);
                    continue;
                }

                if (sameCase is [(_, ReturneeRecord first), ..] && (record is not ReturneeRecord about || about.CaseId != first.CaseId
                                                                    || sameCase.Count == MaxSameCase))
                    await DispatchSameCaseAsync(cancellationToken);
                if (record is ReturneeRecord) sameCase.Add((number, record));
                else await DispatchAsync([(number, record)], cancellationToken);

                if (++read % PruneEvery == 0)
                {
                    inFlight.RemoveAll(t => t.IsCompleted);
                    ordering.Prune();
                }
                if (read % ProgressEvery == 0)
                    logger.LogInformation("Ingest: {Lines} lines read, {Accepted} applied, {Rejected} rejected so far",
                        number, tally.Accepted, tally.Rejected);
            }
            await DispatchSameCaseAsync(cancellationToken);
        }

        async Task DispatchSameCaseAsync(CancellationToken token)
        {
            if (sameCase.Count == 0) return;
            await DispatchAsync([.. sameCase], token);
            sameCase.Clear(); // only once handed over: if waiting for a slot was cancelled, the catch below hands them over
        }

        // One slot per dispatch: a dispatch holds at most MaxSameCase records.
        async Task DispatchAsync(IReadOnlyList<(long Line, IngestRecord Record)> records, CancellationToken token)
        {
            await slots.WaitAsync(token);
            var writes = records.SelectMany(r => r.Record.Writes).ToHashSet();
            var reads = records.SelectMany(r => r.Record.Reads).ToHashSet();
            inFlight.Add(ordering.Chain(writes, reads, async () =>
            {
                var applying = Stopwatch.StartNew();
                try
                {
                    var results = await _retry.ExecuteAsync(_ => new ValueTask<IReadOnlyList<WriteResult>>(ApplyAsync(records)),
                        cancellationToken);
                    for (var i = 0; i < records.Count; i++)
                    {
                        var ((number, record), result) = (records[i], results[i]);
                        metrics.Acknowledged(record.Kind, IngestMetrics.OutcomeOf(result), applying.Elapsed);
                        if (result.Succeeded) tally.CountAccepted(unchanged: result.Status == WriteStatus.Unchanged);
                        else Reject(number, result.Error?.Field, $"{record.Kind}: {result.Error?.Message ?? result.Status.ToString()}");
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Not the lines' fault, and still failing after retries: they may or may not have been applied, so the
                    // client resends them.
                    foreach (var (number, record) in records)
                    {
                        metrics.Count(record.Kind, IngestMetrics.Failed);
                        logger.Failure(LogLevel.Warning, e, "Ingest line {Line} ({Kind}) could not be applied", number, record.Kind);
                        Reject(number, null, $"{record.Kind}: not acknowledged because of a server error ({e.GetType().Name}: " +
                            $"{e.Message}); it may not have been applied, send this line again (safe: writes are idempotent)");
                    }
                }
                finally
                {
                    slots.Release();
                }
            }));
        }

        async Task<IReadOnlyList<WriteResult>> ApplyAsync(IReadOnlyList<(long Line, IngestRecord Record)> records) =>
            records is [var (_, single)]
                ? [await applier.ApplyAsync(single, caller)]
                : await applier.ApplyToCaseAsync(records.Select(r => (ReturneeRecord)r.Record).ToList(), caller);
    }

    /// <summary>The record of a line, or why it has none; <c>Kind</c> is the line's record kind, or "unknown".</summary>
    private (IngestRecord? Record, Domain.Validation.FieldError? Error, string Kind) ParseLine(string line)
    {
        const string unknown = IngestMetrics.UnknownKind;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, JsonText.Options);
        }
        catch (JsonException e)
        {
            return (null, new("line", $"not valid JSON: {e.Message}"), unknown);
        }

        using (document)
        {
            var root = document.RootElement;
            if (!JsonText.IsWellFormed(root))
                return (null, new("line", JsonText.Problem), unknown);
            if (root.ValueKind != JsonValueKind.Object)
                return (null, new("line", $"must be a JSON object, not {JsonFields.Describe(root)}"), unknown);
            if (!root.TryGetProperty("kind", out var kindElement) || kindElement.ValueKind != JsonValueKind.String)
                return (null, new("kind", $"is required: one of {string.Join(", ", RecordParser.Kinds)}"), unknown);
            var kind = kindElement.GetString()!;
            if (!RecordParser.Kinds.Contains(kind))
                return (null, new("kind", $"'{kind}' is not one of {string.Join(", ", RecordParser.Kinds)}"), unknown);

            var (record, errors) = parser.Parse(kind, root, ignoredFields: ["kind"]);
            return record is null
                ? (null, errors[0] with { Message = $"{kind}: {string.Join("; ", errors)}" }, kind)
                : (record, null, kind);
        }
    }

    private static async IAsyncEnumerable<IngestLine> NdjsonLines(TextReader reader, long maxLineChars,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new char[1 << 16];
        var line = new StringBuilder();
        var tooLong = false;
        long number = 0;
        int read;
        IngestLine Finish()
        {
            number++;
            if (line.Length > 0 && line[^1] == '\r') line.Length--;
            tooLong |= line.Length > maxLineChars; // read with room for a CR, checked without it
            var result = tooLong
                ? new IngestLine(number, null, new("line", $"is longer than {maxLineChars} characters; NDJSON has one record per line"))
                : new IngestLine(number, line.ToString(), null);
            line.Clear();
            tooLong = false;
            return result;
        }
        void Append(ReadOnlySpan<char> part)
        {
            if (tooLong) return;
            if (line.Length + part.Length > maxLineChars + 1) // + 1: a CR may end the line
            {
                tooLong = true;
                line.Clear();
            }
            else line.Append(part);
        }

        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != '\n') continue;
                Append(buffer.AsSpan(start, i - start));
                start = i + 1;
                yield return Finish();
            }
            Append(buffer.AsSpan(start, read - start));
        }
        if (line.Length > 0 || tooLong) yield return Finish();
    }

    public static TextReader ReaderFor(Stream body) => new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
}
