using Reintegration.Analytics.Cli;

return await CliApp.RunAsync(args, CliSession.ForConsole());
