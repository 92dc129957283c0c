using Orleans.Runtime;

namespace Reintegration.Analytics.Grains.LiveTable;

/// <summary>
/// One of the live table's two lanes that read its changed countries and protect their families beside its builds
/// (<c>ProtectedProgramme.Prepare</c>): one for small families, one for large ones, so that the seconds a large country's
/// family takes never hold back a small country's change. A lane prepares one family at a time. The small lane takes the
/// highest response ratio (waited + cost) / cost, its cost being its communities: small changes go first and none starves.
/// The large lane takes the oldest change: its families' costs differ by hundreds of times, and by response ratio the
/// largest (most of a programme's returnees) would wait that many times longer than the others. After each family a lane rests as
/// long as it worked, so that each takes at most half a core from a running import (as the builds do).
/// </summary>
internal sealed class FamilyLane(bool large)
{
    /// <summary>
    /// Families of more communities than this are large. Protection costs about a millisecond per community on this
    /// project's 2-core machine, and by response ratio a lane's changes wait about as many times their cost as it has
    /// countries: the small lane keeps few and cheap ones (at 1,000,000 returnees, 73 of 200 countries, which protect in
    /// about a third of a second together), so that a small country's change is shown within seconds during an import.
    /// </summary>
    public const int LargeFamily = 20;

    /// <summary>The country the lane is preparing, if any.</summary>
    public string? Preparing { get; set; }

    /// <summary>Since when the oldest change of the country it prepares waits.</summary>
    public DateTimeOffset? Since { get; set; }

    /// <summary>Until when the lane rests after its last family.</summary>
    public DateTime RestsUntil { get; set; }

    /// <summary>The timer that ends its rest, while one is set.</summary>
    public IGrainTimer? Timer { get; set; }

    public bool Takes(int communities) => (communities > LargeFamily) == large;

    /// <summary>
    /// The changed country this lane prepares next (none: nothing of its size is waiting), given since when each waits and
    /// how many communities each has (as the table last read it).
    /// </summary>
    public string? Next(
        IEnumerable<KeyValuePair<string, DateTimeOffset>> changed, Func<string, int> communities, DateTimeOffset now)
    {
        string? next = null;
        var best = double.MinValue;
        foreach (var (country, since) in changed)
        {
            var size = communities(country);
            if (!Takes(size)) continue;
            // Milliseconds: a community is about one of protection. The large lane orders by age alone.
            var cost = large ? 1.0 : size + 1.0;
            var ratio = ((now - since).TotalMilliseconds + cost) / cost;
            if (ratio > best || (ratio == best && string.CompareOrdinal(country, next) < 0)) (next, best) = (country, ratio);
        }
        return next;
    }
}
