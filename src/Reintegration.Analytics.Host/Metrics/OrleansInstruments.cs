using System.Diagnostics.Metrics;

namespace Reintegration.Analytics.Host.Metrics;

/// <summary>
/// The Orleans runtime instruments exported as series (prometheus-net names them
/// <c>microsoft_orleans_orleans_…</c>). Their tags are bounded (grain type, storage provider); the
/// many directory, messaging and gateway instruments are left out to keep the series count small.
/// </summary>
public static class OrleansInstruments
{
    public const string Meter = "Microsoft.Orleans";

    public static readonly IReadOnlySet<string> Exported = new HashSet<string>(StringComparer.Ordinal)
    {
        "orleans-catalog-activations",
        "orleans-grains",
        "orleans-app-requests-latency",
        "orleans-storage-read-latency",
        "orleans-storage-write-latency",
        "orleans-storage-read-errors",
        "orleans-storage-write-errors",
    };

    public static bool IsExported(Instrument instrument) => instrument.Meter.Name == Meter && Exported.Contains(instrument.Name);
}
