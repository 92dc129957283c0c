using Spectre.Console;

namespace Reintegration.Analytics.Cli;

/// <summary>What every command talks through: the console it writes to and how it reaches the service.</summary>
public sealed class CliSession(IAnsiConsole console, Func<ServiceSettings, HttpClient> connect)
{
    public IAnsiConsole Console { get; } = console;

    public ServiceClient Connect(ServiceSettings settings) => new(connect(settings), settings);

    /// <summary>The real console, and an HTTP client for <c>--url</c> with the API key in <c>X-Api-Key</c>.</summary>
    public static CliSession ForConsole() => new(AnsiConsole.Console, settings =>
    {
        var http = new HttpClient { BaseAddress = new Uri(settings.Url.TrimEnd('/') + "/"), Timeout = Timeout.InfiniteTimeSpan };
        if (!string.IsNullOrEmpty(settings.ApiKey)) http.DefaultRequestHeaders.Add("X-Api-Key", settings.ApiKey);
        return http;
    });
}
