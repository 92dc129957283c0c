using System.ComponentModel;
using Spectre.Console.Cli;

namespace Reintegration.Analytics.Cli;

/// <summary>Where the service is, for every command (also from <c>REINTEGRATION_URL</c> and <c>REINTEGRATION_API_KEY</c>).</summary>
public class ServiceSettings : CommandSettings
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    [CommandOption("--url <URL>")]
    [Description("The service's address (default: $REINTEGRATION_URL, else http://127.0.0.1:5080)")]
    public string Url { get; set; } = Environment.GetEnvironmentVariable("REINTEGRATION_URL") ?? DefaultUrl;

    [CommandOption("--api-key <KEY>")]
    [Description("API key sent as X-Api-Key (default: $REINTEGRATION_API_KEY)")]
    public string? ApiKey { get; set; } = Environment.GetEnvironmentVariable("REINTEGRATION_API_KEY");
}
