namespace Reintegration.Analytics.Cli;

/// <summary>A failure to tell the user in one sentence (the service is unreachable, a request was refused); exit code 1.</summary>
public sealed class CliException(string message) : Exception(message);
