using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Reintegration.Analytics.Host.Configuration;

/// <summary>
/// Console lines as the simple formatter writes them, with returnee grain ids (<c>returnee/…</c>, <c>returnee:…</c>) blanked
/// above debug level. The Orleans runtime names grains in its warnings and errors, and case ids belong in logs at debug
/// level only (SPEC §4); the service's own failure logs leave them out already (<c>PrivateLog</c>).
/// </summary>
public sealed partial class PrivateConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "private";
    public const string Blank = "returnee:[case id at debug level]";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null) return;
        var text = $"{Level(logEntry.LogLevel)}: {logEntry.Category}[{logEntry.EventId.Id}]{Environment.NewLine}      {message}";
        if (logEntry.Exception is not null) text += Environment.NewLine + logEntry.Exception;
        if (logEntry.LogLevel > LogLevel.Debug) text = CaseIds().Replace(text, Blank);
        textWriter.WriteLine(text);
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    [GeneratedRegex("""returnee[:/][^\s,;\]\)'"]+""")]
    private static partial Regex CaseIds();
}
