using System.Text.Json;
using Reintegration.Analytics.Domain.Instruments;
using Reintegration.Analytics.Domain.Records;
using Reintegration.Analytics.Domain.Reference;
using Reintegration.Analytics.Domain.Returnees;
using Reintegration.Analytics.Domain.Scoring;
using Reintegration.Analytics.Domain.Validation;
using Reintegration.Analytics.Domain.Vocabulary;
using Reintegration.Analytics.Host.Ingest;

namespace Reintegration.Analytics.Host.Parsing;

/// <summary>
/// Turns the JSON of each record kind (SPEC §3.1) into a validated <see cref="IngestRecord"/>, or
/// into the list of field errors. Ids come from the URL for PUTs (<paramref name="ids"/>) and from
/// the record itself for NDJSON lines; an id given in both places must agree.
/// </summary>
public sealed class RecordParser(InstrumentCatalog instruments, TimeProvider clock)
{
    /// <summary>No single assistance record is worth more; bounds every sum far below decimal overflow.</summary>
    public const decimal MaxAmountUsd = 1_000_000_000m;

    public static readonly IReadOnlyList<string> Kinds =
        ["community", "returnee", "survey", "assistance", "plan", "communityAssessment", "structuralAssessment"];

    /// <summary>Dates more than a day in the future are typos, and would stay "latest" for years.</summary>
    private DateOnly LatestAcceptedDate => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1);

    public (IngestRecord? Record, IReadOnlyList<FieldError> Errors) Parse(
        string kind, JsonElement json, IReadOnlyDictionary<string, string>? ids = null, IReadOnlyList<string>? ignoredFields = null)
    {
        var errors = new List<FieldError>();
        if (json.ValueKind != JsonValueKind.Object)
            return (null, [new FieldError("body", $"must be a JSON object, not {JsonFields.Describe(json)}")]);

        var fields = new JsonFields(json, errors);
        if (ignoredFields is not null) fields.Allow([.. ignoredFields]);
        ids ??= new Dictionary<string, string>();
        IngestRecord? record = kind switch
        {
            "community" => Community(fields, ids),
            "returnee" => Returnee(fields, ids),
            "survey" => Survey(fields, ids),
            "assistance" => Assistance(fields, ids),
            "plan" => Plan(fields, ids),
            "communityAssessment" => CommunityAssessment(fields, ids),
            "structuralAssessment" => StructuralAssessment(fields, ids),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown record kind"),
        };
        fields.RejectUnknownFields();
        return errors.Count == 0 ? (record, errors) : (null, errors);
    }

    private CommunityWrite? Community(JsonFields f, IReadOnlyDictionary<string, string> ids)
    {
        var id = Id(f, ids, "communityId", Identifiers.IsCommunityId, Identifiers.CommunityIdRule);
        var country = Country(f, "country", required: true);
        var name = f.String("name", required: true, n => n.Trim().Length is > 0 and <= 200, "1-200 characters");
        var admin1 = f.String("admin1", required: false, n => n.Length <= 200, "at most 200 characters");
        var latitude = f.Number("latitude", -90, 90);
        var longitude = f.Number("longitude", -180, 180);
        return id is null || country is null || name is null
            ? null
            : new CommunityWrite(id, new CommunityProfile(country, name.Trim(), admin1, latitude, longitude));
    }

    private ReturneeWrite? Returnee(JsonFields f, IReadOnlyDictionary<string, string> ids)
    {
        var id = Id(f, ids, "caseId", Identifiers.IsCaseId, Identifiers.CaseIdRule);
        var country = Country(f, "country", required: true);
        var communityId = f.String("communityId", required: true, Identifiers.IsCommunityId, Identifiers.CommunityIdRule);
        var sex = f.OneOf("sex", required: true, Sex.All);
        var age = f.Integer("ageAtReturn", required: false, 0, 120);
        var returnDate = PastDate(f, "returnDate", required: true);
        var returnType = f.OneOf("returnType", required: true, ReturnType.All);
        var hostCountry = Country(f, "hostCountry", required: false);
        var monthsAbroad = f.Integer("monthsAbroad", required: false, 0, 1200);
        var vulnerabilities = f.StringSet("vulnerabilities", Vulnerability.All) ?? [];
        return id is null || country is null || communityId is null || sex is null || returnDate is null || returnType is null
            ? null
            : new ReturneeWrite(id, new ReturneeProfile(country, communityId, sex, age, returnDate.Value, returnType, hostCountry, monthsAbroad, vulnerabilities));
    }

    private SurveyWrite? Survey(JsonFields f, IReadOnlyDictionary<string, string> ids)
    {
        var caseId = Id(f, ids, "caseId", Identifiers.IsCaseId, Identifiers.CaseIdRule);
        var surveyId = Id(f, ids, "surveyId", Identifiers.IsRecordId, Identifiers.CommunityIdRule);
        var date = PastDate(f, "date", required: true);
        var round = f.OneOf("round", required: true, SurveyRound.All);
        var instrumentId = f.String("instrument", required: false) ?? InstrumentCatalog.DefaultInstrumentId;
        var instrument = instruments.Find(instrumentId);
        if (instrument is null)
            f.Fail("instrument", $"'{instrumentId}' is not a known instrument; known: {string.Join(", ", instruments.Ids)}");

        var answersObject = f.Object("answers", required: true);
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (answersObject is not null)
        {
            foreach (var property in answersObject.Properties())
            {
                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        answers[property.Name] = property.Value.GetString()!;
                        break;
                    case JsonValueKind.Number when property.Value.TryGetInt32(out var number):
                        answers[property.Name] = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        break;
                    case JsonValueKind.Null:
                        break; // an explicit null is an omitted answer
                    default:
                        answersObject.Fail(property.Name, $"must be a string or an integer, not {JsonFields.Describe(property.Value)}");
                        break;
                }
            }
            if (instrument is not null)
                f.Errors.AddRange(SurveyScorer.Validate(instrument, answers));
        }

        if (caseId is null || surveyId is null || date is null || round is null || instrument is null || answersObject is null || f.Errors.Count > 0)
            return null;
        var submission = new SurveySubmission(date.Value, round, instrument.Id, answers);
        return new SurveyWrite(caseId, surveyId, new StoredSurvey(submission, SurveyScorer.Score(instrument, answers)));
    }

    private AssistanceWrite? Assistance(JsonFields f, IReadOnlyDictionary<string, string> ids)
    {
        var caseId = Id(f, ids, "caseId", Identifiers.IsCaseId, Identifiers.CaseIdRule);
        var assistanceId = Id(f, ids, "assistanceId", Identifiers.IsRecordId, Identifiers.CommunityIdRule);
        var date = PastDate(f, "date", required: true);
        var type = f.OneOf("type", required: true, AssistanceType.All);
        var modality = f.OneOf("modality", required: true, AssistanceModality.All);
        var amount = f.Money("amountUsd", MaxAmountUsd);
        var satisfaction = f.Integer("satisfaction", required: false, 1, 5);
        return caseId is null || assistanceId is null || date is null || type is null || modality is null
            ? null
            : new AssistanceWrite(caseId, assistanceId, new AssistanceRecord(date.Value, type, modality, amount, satisfaction));
    }

    private PlanWrite? Plan(JsonFields f, IReadOnlyDictionary<string, string> ids)
    {
        var caseId = Id(f, ids, "caseId", Identifiers.IsCaseId, Identifiers.CaseIdRule);
        var plan = new PlanDates(
            PastDate(f, "eligible", required: false),
            PastDate(f, "planDeveloped", required: false),
            PastDate(f, "assistanceStarted", required: false),
            PastDate(f, "assistanceCompleted", required: false),
            PastDate(f, "droppedOut", required: false));
        return caseId is null ? null : new PlanWrite(caseId, plan);
    }

    private CommunityAssessmentWrite? CommunityAssessment(JsonFields f, IReadOnlyDictionary<string, string> ids)
    {
        var communityId = Id(f, ids, "communityId", Identifiers.IsCommunityId, Identifiers.CommunityIdRule);
        var assessmentId = Id(f, ids, "assessmentId", Identifiers.IsRecordId, Identifiers.CommunityIdRule);
        var date = PastDate(f, "date", required: true);
        var population = f.Long("population", required: true, 1, 10_000_000_000);
        ServiceLevels? services = null;
        if (f.Object("services", required: true) is { } s)
        {
            var levels = new[] { "health", "education", "water", "employment", "housing", "psychosocial" }
                .Select(name => s.Integer(name, required: true, 0, 4)).ToArray();
            s.RejectUnknownFields();
            if (levels.All(l => l is not null))
                services = new ServiceLevels(levels[0]!.Value, levels[1]!.Value, levels[2]!.Value, levels[3]!.Value, levels[4]!.Value, levels[5]!.Value);
        }
        var cohesion = f.Integer("cohesion", required: true, 0, 4);
        var projects = new List<CommunityProject>();
        foreach (var p in f.Array("projects") ?? [])
        {
            var projectId = p.String("projectId", required: true, Identifiers.IsRecordId, Identifiers.CommunityIdRule);
            var type = p.String("type", required: true, t => t.Length is > 0 and <= 64, "1-64 characters");
            var returnees = p.Integer("returneeParticipants", required: true, 0, 1_000_000);
            var nonMigrants = p.Integer("nonMigrantParticipants", required: true, 0, 1_000_000);
            p.RejectUnknownFields();
            if (projectId is not null && type is not null && returnees is not null && nonMigrants is not null)
                projects.Add(new CommunityProject(projectId, type, returnees.Value, nonMigrants.Value));
        }
        return communityId is null || assessmentId is null || date is null || population is null || services is null || cohesion is null
            ? null
            : new CommunityAssessmentWrite(communityId, assessmentId,
                new CommunityAssessment(date.Value, population.Value, services, cohesion.Value, projects));
    }

    private StructuralAssessmentWrite? StructuralAssessment(JsonFields f, IReadOnlyDictionary<string, string> ids)
    {
        var country = Id(f, ids, "country", Countries.IsKnown, "an ISO 3166-1 alpha-3 code (or XKX for Kosovo) in upper case, e.g. SEN");
        var assessmentId = Id(f, ids, "assessmentId", Identifiers.IsRecordId, Identifiers.CommunityIdRule);
        var date = PastDate(f, "date", required: true);
        var items = new Dictionary<string, int>(StringComparer.Ordinal);
        if (f.Object("items", required: true) is { } i)
        {
            foreach (var name in Domain.Records.StructuralAssessment.ItemNames)
                if (i.Integer(name, required: false, 0, 4) is { } value)
                    items[name] = value;
            i.RejectUnknownFields();
        }
        return country is null || assessmentId is null || date is null || f.Errors.Count > 0
            ? null
            : new StructuralAssessmentWrite(country, assessmentId, new StructuralAssessment(date.Value, items));
    }

    private static string? Id(JsonFields f, IReadOnlyDictionary<string, string> ids, string name, Func<string, bool> isValid, string rule)
    {
        if (!ids.TryGetValue(name, out var fromPath))
            return f.String(name, required: true, isValid, rule);

        var inBody = f.String(name, required: false);
        if (!isValid(fromPath))
        {
            f.Fail(name, $"'{fromPath}' is not valid: {rule}");
            return null;
        }
        if (inBody is not null && inBody != fromPath)
        {
            f.Fail(name, $"'{inBody}' in the body differs from '{fromPath}' in the URL");
            return null;
        }
        return fromPath;
    }

    private static string? Country(JsonFields f, string name, bool required) =>
        f.String(name, required, Countries.IsKnown, "not an ISO 3166-1 alpha-3 country code in upper case (e.g. SEN)");

    private DateOnly? PastDate(JsonFields f, string name, bool required)
    {
        var date = f.Date(name, required);
        if (date > LatestAcceptedDate)
        {
            f.Fail(name, $"{date:yyyy-MM-dd} is in the future");
            return null;
        }
        return date;
    }
}
