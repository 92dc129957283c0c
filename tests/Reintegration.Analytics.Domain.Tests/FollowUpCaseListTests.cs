using Reintegration.Analytics.Domain.FollowUp;
using Reintegration.Analytics.Domain.Returnees;

namespace Reintegration.Analytics.Domain.Tests;

/// <summary>Case lists: selection per community, merging into pages, and the cursor between pages.</summary>
public class FollowUpCaseListTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static ReturneeContribution Case(string caseId, int returnedDaysAgo, string community = "c1", bool covered = false) =>
        new(caseId, community, "SEN", "female", "25-34", "avrr", [], Today.AddDays(-returnedDaysAgo), null, null, covered, null, [], [], 1,
            null, [], ReturneeContribution.CurrentDerivation);

    [Fact]
    public void Selects_the_status_ordered_by_window_end_then_case_id()
    {
        ReturneeContribution[] cases =
        [
            Case("b", 400), Case("a", 400), Case("c", 500), Case("d", 366), Case("covered", 400, covered: true),
            Case("open", 300), Case("missed", 600),
        ];
        var overdue = FollowUpCaseList.Select(cases, "overdue", Today, null, 10);
        Assert.Equal(["c", "a", "b", "d"], overdue.Select(c => c.CaseId));
        Assert.Equal(Today.AddDays(-500 + 545), overdue[0].WindowCloses);
        Assert.Equal(Today.AddDays(-500 + 270), overdue[0].WindowOpens);
        Assert.Equal(["open"], FollowUpCaseList.Select(cases, "open", Today, null, 10).Select(c => c.CaseId));
        Assert.Equal(["missed"], FollowUpCaseList.Select(cases, "missed", Today, null, 10).Select(c => c.CaseId));
    }

    [Fact]
    public void Paging_through_merged_communities_returns_every_case_once_in_order()
    {
        var random = new Random(7);
        var communities = Enumerable.Range(0, 5).Select(c => Enumerable.Range(0, 40)
            .Select(i => Case($"case-{c}-{i}", random.Next(250, 700), $"c{c}", covered: random.Next(5) == 0)).ToList()).ToList();
        var expected = communities.SelectMany(c => c)
            .Where(c => c.FollowUpStatus(Today) == "overdue")
            .OrderBy(c => c.ReturnDate).ThenBy(c => c.CaseId, StringComparer.Ordinal)
            .Select(c => c.CaseId).ToList();
        Assert.True(expected.Count > 30);

        var listed = new List<string>();
        FollowUpCursor? cursor = null;
        var pages = 0;
        do
        {
            var after = cursor;
            var page = FollowUpCaseList.Merge(communities.Select(c => FollowUpCaseList.Select(c, "overdue", Today, after, 7 + 1)), 7);
            Assert.True(page.Cases.Count <= 7);
            listed.AddRange(page.Cases.Select(c => c.CaseId));
            cursor = page.Next is null ? null : FollowUpCursor.Decode(page.Next.Encode());
            pages++;
        } while (cursor is not null);

        Assert.Equal(expected, listed);
        Assert.Equal((expected.Count + 6) / 7, pages);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("MjAyNi0xMS0yNA")] // "2026-11-24" without a case id
    [InlineData("eHh4fGNhc2UtMQ")] // "xxx|case-1"
    [InlineData("MjAyNi0xMS0yNHxiYWQgaWQ")] // a case id with a space
    public void Cursors_that_were_not_given_out_are_refused(string text) => Assert.Null(FollowUpCursor.Decode(text));

    [Fact]
    public void A_cursor_round_trips_through_its_text()
    {
        var cursor = new FollowUpCursor(new DateOnly(2027, 2, 28), "case_A-9");
        Assert.Equal(cursor, FollowUpCursor.Decode(cursor.Encode()));
        Assert.DoesNotContain('=', cursor.Encode());
    }
}
