namespace Reintegration.Analytics.Host.Metrics;

/// <summary>Settings of <c>/metrics</c> (configuration section <c>Metrics</c>).</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>
    /// Lets anyone scrape <c>/metrics</c> without credentials (for a Prometheus on a private network that cannot be given
    /// a key). Off by default: scraping needs the <c>metrics</c> or <c>admin</c> role.
    /// </summary>
    public bool AllowAnonymous { get; set; }
}
