using Reintegration.Analytics.Domain.Instruments;

namespace Reintegration.Analytics.Host.Configuration;

/// <summary>
/// Loads every <c>*.json</c> instrument from the instruments directory (setting <c>Instruments:Directory</c>,
/// default <c>instruments/</c> next to the executable). A broken file stops start-up with its name and problem.
/// </summary>
public static class InstrumentFiles
{
    public const string DirectorySetting = "Instruments:Directory";

    public static InstrumentCatalog Load(IConfiguration configuration)
    {
        var directory = configuration[DirectorySetting] ?? Path.Combine(AppContext.BaseDirectory, "instruments");
        if (!Directory.Exists(directory))
            throw new InvalidOperationException($"Instrument directory '{directory}' does not exist (setting {DirectorySetting})");

        var instruments = Directory.EnumerateFiles(directory, "*.json")
            .Order(StringComparer.Ordinal)
            .Select(path => InstrumentLoader.Parse(File.ReadAllText(path), path))
            .ToList();
        return new InstrumentCatalog(instruments);
    }
}
