using Reintegration.Analytics.Cli;
using Spectre.Console;

namespace Reintegration.Analytics.Host.Tests.Infrastructure;

/// <summary>Runs the <c>reintegration</c> CLI in-process on a plain, wide console and returns what it wrote.</summary>
public static class CliRun
{
    /// <param name="connect">The HTTP client for the service (commands that talk to none never call it).</param>
    public static async Task<(int Exit, string Output)> RunAsync(Func<HttpClient>? connect, params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 240;
        var session = new CliSession(console,
            _ => connect?.Invoke() ?? throw new InvalidOperationException("this command talks to no service"));
        var exit = await CliApp.RunAsync(args, session);
        return (exit, output.ToString());
    }
}
