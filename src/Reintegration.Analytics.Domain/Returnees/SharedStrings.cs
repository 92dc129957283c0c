using System.Collections.Concurrent;

namespace Reintegration.Analytics.Domain.Returnees;

/// <summary>
/// One instance of each vocabulary word, country code and community id that communities hold a million times over (see
/// <see cref="ReturneeContribution.WithSharedStrings"/>). A pool of its own rather than <see cref="string.Intern"/>, whose
/// global table took 5 % of the host's time during a 1,000,000-returnee import; the pool only ever holds those few words.
/// </summary>
internal static class SharedStrings
{
    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);

    public static string Of(string value) => Pool.GetOrAdd(value, value);
}
