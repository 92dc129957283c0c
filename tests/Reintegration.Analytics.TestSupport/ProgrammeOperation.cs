using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Returnees;

namespace Reintegration.Analytics.TestSupport;

/// <summary>One write a client can send; a random history is a list of these.</summary>
public abstract record ProgrammeOperation;

public sealed record RegisterCommunity(string CommunityId, CommunityProfile Profile) : ProgrammeOperation;
public sealed record PutReturnee(string CaseId, ReturneeProfile Profile) : ProgrammeOperation;
public sealed record PutSurvey(string CaseId, string SurveyId, StoredSurvey Survey) : ProgrammeOperation;
public sealed record PutAssistance(string CaseId, string AssistanceId, AssistanceRecord Record) : ProgrammeOperation;
public sealed record PutPlan(string CaseId, PlanDates Plan) : ProgrammeOperation;
