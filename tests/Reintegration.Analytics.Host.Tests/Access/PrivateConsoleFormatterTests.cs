using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Reintegration.Analytics.Host.Configuration;

namespace Reintegration.Analytics.Host.Tests.Access;

/// <summary>SPEC §4: case ids in logs at debug level only, also where the Orleans runtime names a returnee grain.</summary>
public class PrivateConsoleFormatterTests
{
    private static string Write(LogLevel level, string message, Exception? exception = null)
    {
        var output = new StringWriter();
        new PrivateConsoleFormatter().Write(
            new LogEntry<string>(level, "Orleans.Runtime.Catalog", new EventId(7), message, exception, (m, _) => m), null, output);
        return output.ToString();
    }

    [Fact]
    public void Returnee_grain_ids_are_blanked_above_debug_in_messages_and_exceptions()
    {
        var text = Write(LogLevel.Warning, "Activation of returnee/returnee:SEN-00213 failed; retrying [returnee:GIN-7]",
            new TimeoutException("Response did not arrive on time for returnee/returnee:SEN-00213"));
        Assert.DoesNotContain("SEN-00213", text);
        Assert.DoesNotContain("GIN-7", text);
        Assert.Contains(PrivateConsoleFormatter.Blank, text);
        Assert.StartsWith("warn: Orleans.Runtime.Catalog[7]", text);
        Assert.Contains("TimeoutException", text);
    }

    [Fact]
    public void Debug_lines_keep_them_and_other_ids_are_untouched()
    {
        Assert.Contains("SEN-00213", Write(LogLevel.Debug, "Activation of returnee/returnee:SEN-00213 failed"));
        Assert.Contains("community:sen.pikine", Write(LogLevel.Error, "Report of community:sen.pikine failed"));
    }
}
