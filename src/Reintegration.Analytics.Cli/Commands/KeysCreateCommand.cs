using System.ComponentModel;
using System.Text.Json;
using System.Text.RegularExpressions;
using Reintegration.Analytics.Domain.Access;
using Reintegration.Analytics.Domain.Reference;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Reintegration.Analytics.Cli.Commands;

/// <summary>
/// <c>keys create --name N --role R [--scope S]</c>: makes a random API key and prints it once, with the configuration
/// lines that hold its hash (SPEC §4). Nothing is sent anywhere: the service learns the key from its configuration.
/// </summary>
public sealed partial class KeysCreateCommand : Command<KeysCreateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--name <NAME>")]
        [Description("The key's name, shown in the audit log (letters, digits, - and _), e.g. wca-viewer")]
        public string Name { get; set; } = "";

        [CommandOption("--role <ROLE>")]
        [Description("ingest, viewer, analyst, hq, admin or metrics")]
        public string Role { get; set; } = "";

        [CommandOption("--scope <SCOPE>")]
        [Description("Comma-separated country and region codes (e.g. WCA or SEN,GIN); for ingest, viewer and analyst only")]
        public string? Scope { get; set; }

        public override ValidationResult Validate()
        {
            if (!NamePattern().IsMatch(Name)) return ValidationResult.Error("--name: 1 to 64 letters, digits, '-' or '_'");
            var (_, error) = Caller.Create(Name, Role, Scope, RegionMap.Default);
            return error is null ? ValidationResult.Success() : ValidationResult.Error(error);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        var key = ApiKeyText.NewKey();
        var values = new List<(string Field, string Value)> { ("Sha256", ApiKeyText.Hash(key)), ("Role", settings.Role) };
        if (!string.IsNullOrWhiteSpace(settings.Scope)) values.Add(("Scope", settings.Scope.Replace(" ", "")));

        // Written raw, not through Spectre's layout, so that long lines are never wrapped and can be pasted as they are.
        var output = ((CliSession)context.Data!).Console.Profile.Out.Writer;
        output.WriteLine($"API key '{settings.Name}' ({settings.Role}{(settings.Scope is null ? "" : $", scope {settings.Scope}")}).");
        output.WriteLine("Give it to its holder now: it is not stored and cannot be shown again.");
        output.WriteLine();
        output.WriteLine($"  {key}");
        output.WriteLine();
        output.WriteLine("Configure the service with these environment variables (e.g. in docker-compose.yml or a systemd unit):");
        foreach (var (field, value) in values) output.WriteLine($"  Auth__ApiKeys__{settings.Name}__{field}={value}");
        output.WriteLine();
        output.WriteLine("or in appsettings.json:");
        var json = JsonSerializer.Serialize(new { Auth = new { ApiKeys = new Dictionary<string, Dictionary<string, string>>
        {
            [settings.Name] = values.ToDictionary(v => v.Field, v => v.Value),
        } } }, new JsonSerializerOptions { WriteIndented = true });
        output.WriteLine(json);
        return 0;
    }
}
