using Microsoft.Extensions.Logging;
using Reintegration.Analytics.Grains;
using Reintegration.Analytics.Grains.Storage;

namespace Reintegration.Analytics.Grains.Tests;

/// <summary>SPEC §4: case ids reach logs at debug level only, also through exception messages.</summary>
public class PrivateLogTests
{
    private sealed class CapturingLogger : ILogger
    {
        public List<(LogLevel Level, string Text)> Lines { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add((logLevel, formatter(state, exception) + (exception is null ? "" : "\n" + exception)));
    }

    [Fact]
    public void A_failure_is_logged_by_type_above_debug_and_in_full_at_debug()
    {
        var logger = new CapturingLogger();
        var failure = new InvalidOperationException("grain returnee:case-secret-42 is unavailable");

        logger.Failure(LogLevel.Warning, failure, "Checkpoint of a returnee failed in round {Round}", 3);

        var warning = Assert.Single(logger.Lines, l => l.Level == LogLevel.Warning);
        Assert.Equal("Checkpoint of a returnee failed in round 3 (InvalidOperationException)", warning.Text);
        var debug = Assert.Single(logger.Lines, l => l.Level == LogLevel.Debug);
        Assert.Contains("case-secret-42", debug.Text);
    }

    [Fact]
    public void A_journal_conflict_keeps_the_case_out_of_its_message()
    {
        var conflict = new JournalConflictException("case-secret-42", 7);
        Assert.DoesNotContain("case-secret-42", conflict.Message);
        Assert.Equal("case-secret-42", conflict.CaseId);
    }
}
