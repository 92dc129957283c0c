using System.Reflection;

namespace Reintegration.Analytics.Domain.Instruments;

/// <summary>The instruments a survey may name, by id; <c>rss-default-v1</c> ships embedded in the domain assembly.</summary>
public sealed class InstrumentCatalog
{
    public const string DefaultInstrumentId = "rss-default-v1";

    private readonly Dictionary<string, Instrument> _byId;

    public InstrumentCatalog(IEnumerable<Instrument> instruments)
    {
        _byId = new Dictionary<string, Instrument>(StringComparer.Ordinal);
        foreach (var instrument in instruments)
            if (!_byId.TryAdd(instrument.Id, instrument))
                throw new InvalidOperationException($"Two instrument files define '{instrument.Id}'");
        if (!_byId.ContainsKey(DefaultInstrumentId))
            throw new InvalidOperationException($"The default instrument '{DefaultInstrumentId}' is missing");
    }

    public static Instrument BuiltInDefault { get; } = LoadBuiltIn();

    /// <summary>A catalogue holding only the shipped default instrument.</summary>
    public static InstrumentCatalog Default { get; } = new([BuiltInDefault]);

    public IEnumerable<string> Ids => _byId.Keys;

    public Instrument? Find(string id) => _byId.GetValueOrDefault(id);

    private static Instrument LoadBuiltIn()
    {
        using var stream = Assembly.GetExecutingAssembly()
            .GetManifestResourceStream("Reintegration.Analytics.Domain.rss-default-v1.json")
            ?? throw new InvalidOperationException("rss-default-v1.json is not embedded in the domain assembly");
        using var reader = new StreamReader(stream);
        return InstrumentLoader.Parse(reader.ReadToEnd(), "rss-default-v1.json (embedded)");
    }
}
