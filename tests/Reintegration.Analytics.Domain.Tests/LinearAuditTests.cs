using CsCheck;
using MathNet.Numerics.LinearAlgebra;
using Reintegration.Analytics.Domain.Disclosure;

namespace Reintegration.Analytics.Domain.Tests;

/// <summary>The sparse elimination of <see cref="LinearAudit"/> against a null-space test (MathNet's SVD) on random systems.</summary>
public sealed class LinearAuditTests
{
    [Fact]
    public void Determined_cells_are_those_zero_in_every_null_space_vector() =>
        Gen.Int[3, 14].SelectMany(cells => Gen.Select(
                Gen.Bool.Array[cells],
                Gen.Select(Gen.Int[0, cells - 1], Gen.Int[0, cells - 1].Array[1, 4]).Array[1, 10]))
            .Sample(sample =>
            {
                var (hiddenFlags, relationSpecs) = sample;
                var cells = hiddenFlags.Select(h => new ProtectedCell(3) { Hidden = h }).ToArray();
                var relations = relationSpecs
                    .Where(r => !r.Item2.Contains(r.Item1) && r.Item2.Distinct().Count() == r.Item2.Length)
                    .Select(r => (Total: cells[r.Item1], Parts: (IReadOnlyList<ProtectedCell>)r.Item2.Select(i => cells[i]).ToList()))
                    .ToList();

                var actual = LinearAudit.Determined(relations).Select(c => Array.IndexOf(cells, c)).Order().ToList();
                Assert.Equal(Expected(cells, relations), actual);
            }, iter: 2000);

    [Fact]
    public void Freedom_is_the_rank_of_the_null_space_restricted_to_the_cells() =>
        Gen.Int[3, 12].SelectMany(cells => Gen.Select(
                Gen.Bool.Array[cells],
                Gen.Select(Gen.Int[0, cells - 1], Gen.Int[0, cells - 1].Array[1, 4]).Array[1, 8],
                Gen.Int[0, cells - 1].Array[1, 5]))
            .Sample(sample =>
            {
                var (hiddenFlags, relationSpecs, subset) = sample;
                var cells = hiddenFlags.Select(h => new ProtectedCell(3) { Hidden = h }).ToArray();
                var relations = relationSpecs
                    .Where(r => !r.Item2.Contains(r.Item1) && r.Item2.Distinct().Count() == r.Item2.Length)
                    .Select(r => (Total: cells[r.Item1], Parts: (IReadOnlyList<ProtectedCell>)r.Item2.Select(i => cells[i]).ToList()))
                    .ToList();
                var chosen = subset.Distinct().Where(i => cells[i].Hidden).ToList();

                // Independently: hidden cells in no relation are free; for the others, the relations pin
                // rank(A) − rank(A without their columns) independent combinations of them, and leave the rest free.
                var unknowns = cells.Select((c, i) => (c, i)).Where(p => p.c.Hidden).Select(p => p.i).ToList();
                var equations = relations.Select(r => r.Parts.Select(p => (Cell: p, Coefficient: -1.0))
                    .Prepend((Cell: r.Total, Coefficient: 1.0)).Where(t => t.Cell.Hidden).ToList()).Where(e => e.Count > 0).ToList();
                var tied = equations.SelectMany(e => e.Select(t => Array.IndexOf(cells, t.Cell))).ToHashSet();
                var expected = chosen.Count(i => !tied.Contains(i));
                var tiedChosen = chosen.Where(tied.Contains).ToList();
                if (tiedChosen.Count > 0)
                {
                    var matrix = Matrix<double>.Build.Dense(equations.Count, unknowns.Count);
                    for (var r = 0; r < equations.Count; r++)
                        foreach (var (cell, coefficient) in equations[r])
                            matrix[r, unknowns.IndexOf(Array.IndexOf(cells, cell))] += coefficient;
                    var others = unknowns.Select((u, column) => (u, column)).Where(p => !tiedChosen.Contains(p.u)).Select(p => p.column)
                        .ToList();
                    var withoutChosen = others.Count == 0 ? 0
                        : Matrix<double>.Build.Dense(equations.Count, others.Count, (r, c) => matrix[r, others[c]]).Rank();
                    expected += tiedChosen.Count - (matrix.Rank() - withoutChosen);
                }
                Assert.Equal(expected, LinearAudit.Reduce(relations).Freedom(chosen.Select(i => cells[i])));
            }, iter: 2000);

    [Fact]
    public void Relations_that_each_hide_two_cells_can_still_pin_one_together()
    {
        // Global 5 = R1 + R2 and global vhr 3 = R1 vhr + R2 vhr are shown; R1 has vhr returns only, R2 vhr and avrr.
        // No relation has a single hidden cell, yet R2 avrr = (5 − R1) − (3 − R1 vhr) = 2.
        ProtectedCell Hidden(long n) => new(n) { Hidden = true };
        var (global, globalVhr) = (new ProtectedCell(5), new ProtectedCell(3));
        var (r1, r2, r1Vhr, r2Vhr, r2Avrr) = (Hidden(1), Hidden(4), Hidden(1), Hidden(2), Hidden(2));
        var determined = LinearAudit.Determined(
            [(global, [r1, r2]), (globalVhr, [r1Vhr, r2Vhr]), (r1, [r1Vhr, new ProtectedCell(0)]), (r2, [r2Vhr, r2Avrr])]);
        Assert.Equal([r2Avrr], determined);
    }

    private static List<int> Expected(ProtectedCell[] cells, List<(ProtectedCell Total, IReadOnlyList<ProtectedCell> Parts)> relations)
    {
        var unknowns = cells.Select((c, i) => (c, i)).Where(p => p.c.Hidden).Select(p => p.i).ToList();
        var equations = relations.Select(r => r.Parts.Select(p => (Cell: p, Coefficient: -1.0)).Prepend((Cell: r.Total, Coefficient: 1.0))
            .Where(t => t.Cell.Hidden).ToList()).Where(e => e.Count > 0).ToList();
        if (equations.Count == 0) return [];
        var matrix = Matrix<double>.Build.Dense(equations.Count, unknowns.Count);
        for (var r = 0; r < equations.Count; r++)
            foreach (var (cell, coefficient) in equations[r]) matrix[r, unknowns.IndexOf(Array.IndexOf(cells, cell))] += coefficient;
        var kernel = matrix.Kernel();
        var inSomeEquation = equations.SelectMany(e => e.Select(t => Array.IndexOf(cells, t.Cell))).ToHashSet();
        return unknowns.Where((cell, column) => inSomeEquation.Contains(cell) && kernel.All(v => Math.Abs(v[column]) < 1e-9))
            .Order().ToList();
    }
}
