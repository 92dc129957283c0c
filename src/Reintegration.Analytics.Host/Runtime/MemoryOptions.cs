namespace Reintegration.Analytics.Host.Runtime;

/// <summary>Configuration section <c>Memory</c>: see <see cref="MemoryRelease"/>.</summary>
public sealed class MemoryOptions
{
    public const string Section = "Memory";

    /// <summary>
    /// Above this much GC memory (and 1.5 times what was live after the last collection) the service collects its heap itself,
    /// at most every 30 seconds; 0 turns this off. The process's resident memory is this plus the runtime's own (a few
    /// hundred MiB).
    /// </summary>
    public long GcCeilingMiB { get; set; } = 2048;
}
