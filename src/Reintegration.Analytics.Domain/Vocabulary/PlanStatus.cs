namespace Reintegration.Analytics.Domain.Vocabulary;

/// <summary>Reintegration plan funnel statuses (SPEC §2.3), as used in aggregates and metric labels.</summary>
public static class PlanStatus
{
    public const string Eligible = "eligible";
    public const string PlanDeveloped = "plan_developed";
    public const string AssistanceStarted = "assistance_started";
    public const string AssistanceCompleted = "assistance_completed";
    public const string DroppedOut = "dropped_out";
    public static readonly IReadOnlyList<string> All = [Eligible, PlanDeveloped, AssistanceStarted, AssistanceCompleted, DroppedOut];
}
