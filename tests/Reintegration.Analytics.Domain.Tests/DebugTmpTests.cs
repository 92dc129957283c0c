using CsCheck;
using Reintegration.Analytics.Domain.Aggregation;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Domain.Snapshots;
using Reintegration.Analytics.TestSupport;
using Xunit.Abstractions;
namespace Reintegration.Analytics.Domain.Tests;
public sealed class DebugTmpTests(ITestOutputHelper output)
{
    [Fact]
    public void Dump() =>
        SnapshotTableTestsAccess.Programmes().Select(Gen.Int[2, 6], (p, k) => (p, k)).Sample(sample =>
        {
            var rows = SnapshotTable.Build(sample.p, SnapshotScope.Global, HistoryGenerator.Today, sample.k);
            try { SnapshotOracle.AssertProtected(rows, sample.k); }
            catch
            {
                output.WriteLine($"k={sample.k}");
                foreach (var r in rows.Where(r => (r.Indicator.StartsWith("followup") || r.Indicator=="returnees" || r.Indicator=="recent_returns") && r.Group=="total"))
                    output.WriteLine($"{r.Level} {r.UnitCode} {r.Indicator} {r.Group} {r.N} {(r.Suppressed ? "H" : "")}");
                throw;
            }
        }, iter: 300, seed: "fyrENyO0skT1");
}
internal static class SnapshotTableTestsAccess { public static Gen<IReadOnlyList<SnapshotCountry>> Programmes() => SnapshotTableTests.Programmes(); }
