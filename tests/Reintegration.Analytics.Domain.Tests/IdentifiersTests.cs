using Reintegration.Analytics.Domain.Validation;

namespace Reintegration.Analytics.Domain.Tests;

/// <summary>SPEC §2.1: caseId is 1–64 of [A-Za-z0-9_-]; communityId (and record ids) also allow '.'.</summary>
public class IdentifiersTests
{
    private static readonly string Len64 = new('a', 64);
    private static readonly string Len65 = new('a', 65);

    [Theory]
    [InlineData("a")]
    [InlineData("Z")]
    [InlineData("0")]
    [InlineData("_")]
    [InlineData("-")]
    [InlineData("case-001")]
    [InlineData("SEN_2024-000123")]
    [InlineData("AbCxYz0123456789_-")]
    public void CaseId_accepts_letters_digits_underscore_and_dash(string id) => Assert.True(Identifiers.IsCaseId(id));

    [Fact]
    public void CaseId_length_is_1_to_64()
    {
        Assert.True(Identifiers.IsCaseId(Len64));
        Assert.False(Identifiers.IsCaseId(Len65));
        Assert.False(Identifiers.IsCaseId(""));
        Assert.False(Identifiers.IsCaseId(null));
    }

    [Theory]
    [InlineData("case.1")]
    [InlineData("case 1")]
    [InlineData(" case1")]
    [InlineData("case/1")]
    [InlineData("case:1")]
    [InlineData("case@1")]
    [InlineData("Amadou Diallo")]
    [InlineData("caseé")]
    [InlineData("case١")] // Arabic-Indic digit one: \d would accept it, [0-9] must not
    [InlineData("case\t1")]
    [InlineData("case\n1")]
    public void CaseId_rejects_other_characters(string id) => Assert.False(Identifiers.IsCaseId(id));

    [Theory]
    [InlineData("case1\n")]
    [InlineData("case1\r\n")]
    public void CaseId_rejects_a_trailing_newline(string id) =>
        // '$' in a .NET regex also matches before a final '\n', so "^…$" lets "case1\n" through;
        // the pattern must anchor at the very end (\z).
        Assert.False(Identifiers.IsCaseId(id));

    [Fact]
    public void CaseId_of_64_chars_plus_trailing_newline_is_rejected() =>
        Assert.False(Identifiers.IsCaseId(Len64 + "\n"));

    [Theory]
    [InlineData("dakar.1")]
    [InlineData("sen.dakar.pikine-2")]
    [InlineData("a")]
    [InlineData(".")]
    [InlineData("kolda_3")]
    public void CommunityId_accepts_dots_too(string id)
    {
        Assert.True(Identifiers.IsCommunityId(id));
        Assert.True(Identifiers.IsRecordId(id));
    }

    [Fact]
    public void CommunityId_length_is_1_to_64()
    {
        Assert.True(Identifiers.IsCommunityId(new string('.', 64)));
        Assert.False(Identifiers.IsCommunityId(new string('.', 65)));
        Assert.False(Identifiers.IsCommunityId(""));
        Assert.False(Identifiers.IsCommunityId(null));
    }

    [Theory]
    [InlineData("dakar 1")]
    [InlineData("dakar/1")]
    [InlineData("dakar,1")]
    [InlineData("dakär")]
    [InlineData("dakar.1\n")]
    public void CommunityId_rejects_other_characters(string id) => Assert.False(Identifiers.IsCommunityId(id));
}
