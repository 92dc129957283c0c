using System.Diagnostics;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Domain.Returnees;
using Reintegration.Analytics.Domain.Snapshots;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Benchmarks;

/// <summary>
/// Disclosure control of a whole programme, in process (<c>--scenario protection</c>): <c>--communities</c> communities
/// (default 20,000) of random sizes in <c>--countries</c> countries (default 200, communities per country by Zipf weights
/// as in issue 10's generator) with <c>--returnees</c> returnees (default 100,000, half of them surveyed). Times the
/// protection from scratch (what a snapshot does, with every core; the baseline, one run), the same one country family at a
/// time (the live table during a large import, one run), and the live table's protection again after one random country
/// changed, with the memo of the protection before (what an isolated write costs before it is visible), median of 5.
/// </summary>
internal static class ProtectionBenchmark
{
    private static readonly string[] ReturnTypes = ["avrr", "vhr", "spontaneous"];
    private static readonly string[] Sexes = ["female", "male"];

    public static void Run(int countries, int communities, int returnees)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var clock = Stopwatch.StartNew();
        var programme = Generate(countries, communities, returnees, today);
        Console.WriteLine($"Generated {programme.Sum(c => c.Communities.Count):N0} communities in {programme.Count} countries "
            + $"with {returnees:N0} returnees in {clock.Elapsed.TotalSeconds:F0} s");

        // A snapshot protects with every core; the live table one country family at a time (it shares the host with ingest).
        var fresh = Median(1, () => ProtectedProgramme.Protect(programme, today, 5));
        var memo = new ProtectionMemo();
        var live = Median(1, () => ProtectedProgramme.Protect(programme, today, 5, memo, parallelism: 1));
        var random = new Random(7);
        var again = Median(5, () =>
        {
            var changed = random.Next(programme.Count);
            programme[changed] = Changed(programme[changed], today, random);
            ProtectedProgramme.Protect(programme, today, 5, memo, parallelism: 1);
        }, untimed: () => Console.WriteLine($"  memo: {memo.LastBuild.Reused} families reused, {memo.LastBuild.Protected} protected again"));
        Console.WriteLine();
        Console.WriteLine($"{"protection",-44} {"median ms",10} {"vs fresh",9}");
        Console.WriteLine($"{"whole programme from scratch (baseline)",-44} {fresh,10:F0} {1.0,9:F2}");
        Console.WriteLine($"{"the same, one family at a time (live table)",-44} {live,10:F0} {live / fresh,9:F2}");
        Console.WriteLine($"{"again after one country changed (memo)",-44} {again,10:F0} {again / fresh,9:F2}");
    }

    private static double Median(int runs, Action action, Action? untimed = null)
    {
        var times = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times.Add(clock.Elapsed.TotalMilliseconds);
            untimed?.Invoke();
        }
        return Timing.Median(times);
    }

    private static List<SnapshotCountry> Generate(int countries, int communities, int returnees, DateOnly today)
    {
        var random = new Random(20261206);
        var codes = Countries.All.Select(c => c.Iso3).Order(StringComparer.Ordinal).Take(countries).ToList();
        var perCommunity = Math.Max(1, returnees / communities);
        // Communities per country by Zipf weights (exponent 1.1), as in issue 10's generator: the largest country holds a fifth.
        var weights = codes.Select((_, i) => 1 / Math.Pow(i + 1, 1.1)).ToList();
        var total = weights.Sum();
        return codes.Select((country, c) => new SnapshotCountry(country, RegionMap.Default.RegionOf(country), null,
            Enumerable.Range(0, Math.Max(1, (int)Math.Round(weights[c] / total * communities))).Select(i =>
            {
                var id = $"{country.ToLowerInvariant()}.{i}";
                // Sizes from 1 to twice the mean: many communities hold fewer than k returnees.
                var size = 1 + random.Next(2 * perCommunity);
                return Community(country, id, size, today, random, version: 1);
            }).ToList())).ToList();
    }

    private static SnapshotCountry Changed(SnapshotCountry country, DateOnly today, Random random)
    {
        var first = country.Communities[0];
        var size = first.Summary.All.Returnees + 1;
        return country with
        {
            Communities =
            [
                Community(country.Country, first.CommunityId, (int)size, today, random, first.Version + 1), .. country.Communities.Skip(1),
            ],
        };
    }

    private static CommunityReport Community(string country, string id, int size, DateOnly today, Random random, long version)
    {
        var contributions = Enumerable.Range(0, size).Select(r =>
        {
            var state = new ReturneeState();
            var returned = today.AddDays(-random.Next(900));
            state.Apply(new ProfileChange(new ReturneeProfile(country, id, Sexes[random.Next(2)], 15 + random.Next(55), returned,
                ReturnTypes[random.Next(3)], null, null, [])));
            if (random.Next(2) == 0)
            {
                var date = returned.AddDays(random.Next((today.DayNumber - returned.DayNumber) + 1));
                state.Apply(new SurveyChange("s1", UniformSurvey.Of(date, "m12", (1 + random.Next(5)).ToString())));
            }
            return state.ToContribution($"{id}-{r}");
        }).ToList();
        return new CommunityReport(id, new CommunityProfile(country, id, null, null, null), AggregateSummary.Of(contributions), null, null,
            version);
    }
}
