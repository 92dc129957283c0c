using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Returnees;

namespace Reintegration.Analytics.Host.Ingest;

/// <summary>
/// One validated write, whether it came from a PUT or from a line of <c>POST /ingest</c>.
/// <see cref="Writes"/> and <see cref="Reads"/> name the entities it changes and depends on, so the
/// bulk importer can run unrelated records concurrently and still apply them as if in line order.
/// </summary>
public abstract record IngestRecord(string Kind)
{
    public abstract IReadOnlyList<string> Writes { get; }
    public virtual IReadOnlyList<string> Reads => [];

    internal static string CommunityKey(string communityId) => $"community:{communityId}";
    internal static string ReturneeKey(string caseId) => $"returnee:{caseId}";
    internal static string CountryKey(string iso3) => $"country:{iso3}";
}

public sealed record CommunityWrite(string CommunityId, CommunityProfile Profile) : IngestRecord("community")
{
    public override IReadOnlyList<string> Writes => [CommunityKey(CommunityId)];
}

/// <summary>A write to one returnee's record; consecutive ones about the same case go to its grain in one call.</summary>
public abstract record ReturneeRecord(string Kind, string CaseId) : IngestRecord(Kind)
{
    public override IReadOnlyList<string> Writes => [ReturneeKey(CaseId)];

    /// <summary>The change as the returnee's grain applies and journals it.</summary>
    public abstract ReturneeChange Change { get; }
}

public sealed record ReturneeWrite(string CaseId, ReturneeProfile Profile) : ReturneeRecord("returnee", CaseId)
{
    public override IReadOnlyList<string> Reads => [CommunityKey(Profile.CommunityId)];
    public override ReturneeChange Change => new ProfileChange(Profile);
}

public sealed record SurveyWrite(string CaseId, string SurveyId, StoredSurvey Survey) : ReturneeRecord("survey", CaseId)
{
    public override ReturneeChange Change => new SurveyChange(SurveyId, Survey);
}

public sealed record AssistanceWrite(string CaseId, string AssistanceId, AssistanceRecord Record) : ReturneeRecord("assistance", CaseId)
{
    public override ReturneeChange Change => new AssistanceChange(AssistanceId, Record);
}

public sealed record PlanWrite(string CaseId, PlanDates Plan) : ReturneeRecord("plan", CaseId)
{
    public override ReturneeChange Change => new PlanChange(Plan);
}

public sealed record CommunityAssessmentWrite(string CommunityId, string AssessmentId, CommunityAssessment Assessment)
    : IngestRecord("communityAssessment")
{
    public override IReadOnlyList<string> Writes => [CommunityKey(CommunityId)];
}

public sealed record StructuralAssessmentWrite(string Country, string AssessmentId, StructuralAssessment Assessment)
    : IngestRecord("structuralAssessment")
{
    public override IReadOnlyList<string> Writes => [CountryKey(Country)];
}
