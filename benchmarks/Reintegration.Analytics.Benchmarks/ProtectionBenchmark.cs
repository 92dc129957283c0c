using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Disclosure;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Domain.Returnees;
using Reintegration.Analytics.Domain.Snapshots;
using Reintegration.Analytics.Domain.Vocabulary;
using Reintegration.Analytics.TestSupport;

namespace Reintegration.Analytics.Benchmarks;

/// <summary>
/// Disclosure control of a whole programme, in process (<c>--scenario protection</c>): the programme the memory scenario
/// imports (issue 10's generator: <c>--countries</c> 200, <c>--communities</c> 20,000, <c>--returnees</c> default 100,000),
/// reported as the service's communities report it (<see cref="GeneratedReports"/>). Times the protection from scratch (what
/// a snapshot does, with every core, and a restart's first protection: code not compiled yet; the baseline, one run), the
/// same one country family at a time (the live table during a large import, one run), and the live table's protection again
/// after one random country changed, with the memo of the protection before (what an isolated write costs before it is
/// visible), median of 5; and again after every country changed with each family prepared beside it and offered (what a
/// live table build does during an import), median of 3, each with the bytes it allocated. Prints how many cells are hidden
/// and a fingerprint of which, the same for both paths.
/// </summary>
internal static class ProtectionBenchmark
{
    public static void Run(int countries, int communities, int returnees)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var clock = Stopwatch.StartNew();
        var programme = GeneratedReports.Of(new ProgrammeGenerator(countries, communities, returnees, seed: 2026, today), today);
        Console.WriteLine($"Generated {programme.Sum(c => c.Communities.Count):N0} communities in {programme.Count} countries "
            + $"with {returnees:N0} returnees in {clock.Elapsed.TotalSeconds:F0} s");

        // A snapshot protects with every core; the live table one country family at a time (it shares the host with ingest).
        ProtectedProgramme? fromScratch = null, oneAtATime = null;
        var (fresh, freshMiB) = Median(1, () => fromScratch = ProtectedProgramme.Protect(programme, today, 5));
        var memo = new ProtectionMemo();
        var (live, liveMiB) = Median(1, () => oneAtATime = ProtectedProgramme.Protect(programme, today, 5, memo, parallelism: 1));
        // Both paths must hide the same cells; the fingerprint lets a change to protection show it hides what it hid before.
        var (hidden, fingerprint) = Fingerprint(fromScratch!);
        Console.WriteLine($"Hidden cells: {hidden:N0} (fingerprint {fingerprint})");
        if (Fingerprint(oneAtATime!) != (hidden, fingerprint))
            throw new InvalidOperationException("protecting one family at a time hid other cells than protecting from scratch");
        var random = new Random(7);
        var (again, againMiB) = Median(5, () =>
        {
            var changed = random.Next(programme.Count);
            programme[changed] = Changed(programme[changed], today, random);
            ProtectedProgramme.Protect(programme, today, 5, memo, parallelism: 1);
        }, untimed: () =>
            Console.WriteLine($"  memo: {memo.LastBuild.Reused} families reused, {memo.LastBuild.Protected} protected again"));
        // During an import every country changes between two builds, and the live table's lanes have prepared their families:
        // what is left to the build is regions, the globe, and countries whose region now hides more of them.
        var (preparing, preparingMiB) = (new List<double>(), new List<double>());
        var last = ProtectedProgramme.Protect(programme, today, 5, memo, parallelism: 1);
        var (everyChanged, everyChangedMiB) = Median(3, () => last = ProtectedProgramme.Protect(programme, today, 5, memo, parallelism: 1),
            untimed: () =>
            Console.WriteLine($"  memo: {memo.LastBuild.Reused} families reused, {memo.LastBuild.Protected} protected again: "
                + string.Join(' ', memo.LastProtectedAgain)),
            before: () =>
            {
                var (milliseconds, mebibytes) = Measure(() =>
                {
                    for (var i = 0; i < programme.Count; i++)
                    {
                        programme[i] = Changed(programme[i], today, random);
                        memo.Offer(ProtectedProgramme.Prepare(programme[i], today, 5, last.HiddenByRegion(programme[i].Country)));
                    }
                });
                preparing.Add(milliseconds);
                preparingMiB.Add(mebibytes);
            });
        Console.WriteLine();
        Console.WriteLine($"{"protection",-44} {"median ms",10} {"vs fresh",9} {"MiB allocated",14}");
        Console.WriteLine($"{"whole programme from scratch (baseline)",-44} {fresh,10:F0} {1.0,9:F2} {freshMiB,14:N0}");
        Console.WriteLine($"{"the same, one family at a time (live table)",-44} {live,10:F0} {live / fresh,9:F2} {liveMiB,14:N0}");
        Console.WriteLine($"{"again after one country changed (memo)",-44} {again,10:F0} {again / fresh,9:F2} {againMiB,14:N0}");
        Console.WriteLine($"{"again after every country changed, families",-44}");
        Console.WriteLine($"{"  prepared beside it (live table, import)",-44} {everyChanged,10:F0} {everyChanged / fresh,9:F2}"
            + $" {everyChangedMiB,14:N0}   (preparing them: {Timing.Median(preparing):F0} ms, {Timing.Median(preparingMiB):N0} MiB)");
    }

    /// <summary>How many cells the programme hides, and a hash of which (unit, figure and group, in order).</summary>
    private static (int Hidden, string Fingerprint) Fingerprint(ProtectedProgramme programme)
    {
        IEnumerable<string> Cells(string unit, HiddenCells hidden) => hidden.Cells.Select(c => $"{unit}|{c.Figure}|{c.Group}");
        var cells = Cells(ProtectedProgramme.GlobalCode, programme.Global.Hidden)
            .Concat(programme.Regions.SelectMany(r => Cells(r.Key, r.Value.Hidden)))
            .Concat(programme.Countries.SelectMany(c => Cells(c.Key, c.Value.Hidden)))
            .Concat(programme.Communities.SelectMany(c => Cells(c.Key, c.Value.Hidden)))
            .Order(StringComparer.Ordinal).ToList();
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', cells)));
        return (cells.Count, Convert.ToHexStringLower(hash)[..12]);
    }

    /// <summary>
    /// The median time of <paramref name="action"/> and of the bytes it allocated, all threads' (<paramref name="before"/> and
    /// <paramref name="untimed"/> untimed): what the garbage collector works for during an import, and unlike the time, the same
    /// from run to run on a noisy machine.
    /// </summary>
    private static (double Milliseconds, double Mebibytes) Median(int runs, Action action, Action? untimed = null,
        Action? before = null)
    {
        var (times, allocations) = (new List<double>(), new List<double>());
        for (var run = 0; run < runs; run++)
        {
            before?.Invoke();
            var (milliseconds, mebibytes) = Measure(action);
            times.Add(milliseconds);
            allocations.Add(mebibytes);
            untimed?.Invoke();
        }
        return (Timing.Median(times), Timing.Median(allocations));
    }

    /// <summary>How long <paramref name="action"/> took and how many MiB every thread allocated meanwhile.</summary>
    private static (double Milliseconds, double Mebibytes) Measure(Action action)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        action();
        return (clock.Elapsed.TotalMilliseconds, (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / 1024.0);
    }

    /// <summary>The first community of a random country with one more returnee.</summary>
    private static SnapshotCountry Changed(SnapshotCountry country, DateOnly today, Random random)
    {
        var first = country.Communities[0];
        var state = new ReturneeState();
        var (sex, returnType) = (Sex.All[random.Next(Sex.All.Count)], ReturnType.All[random.Next(ReturnType.All.Count)]);
        state.Apply(new ProfileChange(new ReturneeProfile(country.Country, first.CommunityId, sex, 15 + random.Next(55),
            today.AddDays(-random.Next(900)), returnType, null, null, [])));
        var joined = GeneratedReports.Joined(first, state.ToContribution($"changed-{random.Next()}"));
        return country with { Communities = [joined, .. country.Communities.Skip(1)] };
    }
}
