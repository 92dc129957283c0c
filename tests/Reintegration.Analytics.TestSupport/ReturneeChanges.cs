using Reintegration.Analytics.Domain.Returnees;

namespace Reintegration.Analytics.TestSupport;

/// <summary>The returnee change a <see cref="ProgrammeOperation"/> makes (null for a community registration).</summary>
public static class ReturneeChanges
{
    public static (string CaseId, ReturneeChange Change)? Of(ProgrammeOperation operation) => operation switch
    {
        PutReturnee r => (r.CaseId, new ProfileChange(r.Profile)),
        PutSurvey s => (s.CaseId, new SurveyChange(s.SurveyId, s.Survey)),
        PutAssistance a => (a.CaseId, new AssistanceChange(a.AssistanceId, a.Record)),
        PutPlan p => (p.CaseId, new PlanChange(p.Plan)),
        _ => null,
    };

    /// <summary>
    /// Plays a history through a <see cref="ProgrammeWorld"/> and the returnees' own states: the contributions of the
    /// registered returnees the world accepted, as their grains would hold them.
    /// </summary>
    public static (ProgrammeWorld World, List<ReturneeContribution> Contributions) Play(IEnumerable<ProgrammeOperation> history)
    {
        var world = new ProgrammeWorld();
        var cases = new Dictionary<string, ReturneeState>();
        foreach (var (caseId, change) in history.Where(world.Apply).Select(Of).OfType<(string, ReturneeChange)>())
            (cases.TryGetValue(caseId, out var state) ? state : cases[caseId] = new ReturneeState()).Apply(change);
        var contributions = cases.Where(c => c.Value.IsRegistered && world.Returnees.ContainsKey(c.Key))
            .Select(c => c.Value.ToContribution(c.Key)).ToList();
        return (world, contributions);
    }
}
