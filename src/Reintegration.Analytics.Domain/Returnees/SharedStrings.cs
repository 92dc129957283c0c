using System.Collections.Concurrent;

namespace Reintegration.Analytics.Domain.Returnees;

/// <summary>
/// One instance of each vocabulary word, country code and community id that communities hold a million times over (see
/// <see cref="ReturneeContribution.WithSharedStrings"/>). A pool of its own rather than <see cref="string.Intern"/>, whose
/// global table took 5 % of the host's time during a 1,000,000-returnee import. Like that table it is never emptied: it
/// holds the vocabulary, the country codes and every community id the silo has seen.
/// </summary>
internal static class SharedStrings
{
    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);

    public static string Of(string value) => Pool.GetOrAdd(value, value);
}
