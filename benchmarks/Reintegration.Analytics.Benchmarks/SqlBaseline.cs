using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Reintegration.Analytics.Domain.Instruments;
using Reintegration.Analytics.Domain.Scoring;

namespace Reintegration.Analytics.Benchmarks;

/// <summary>
/// The straightforward alternative to the service for reads and freshness (issue 10's baseline): the programme's
/// returnees and scored surveys as rows in PostgreSQL, indexed, and each figure computed by SQL <c>GROUP BY</c> on request
/// (the current survey of each returnee by <c>DISTINCT ON</c>). Loaded with binary <c>COPY</c>.
/// </summary>
internal sealed class SqlBaseline(string connectionString)
{
    private const string Schema = """
        CREATE TABLE returnees (case_id text PRIMARY KEY, country text NOT NULL, community_id text NOT NULL, sex text NOT NULL,
            age int, return_date date NOT NULL, return_type text NOT NULL);
        CREATE TABLE surveys (case_id text NOT NULL, survey_id text NOT NULL, date date NOT NULL, economic float8, social float8,
            psychosocial float8, composite float8, PRIMARY KEY (case_id, survey_id));
        """;

    private const string Indexes = "CREATE INDEX ON returnees (country); ANALYZE returnees; ANALYZE surveys;";

    /// <summary>Headline figures of one country: returnees, surveyed, the mean and n of each score, the sustainable share.</summary>
    private const string CountryQuery = """
        WITH current AS (
            SELECT DISTINCT ON (s.case_id) s.economic, s.social, s.psychosocial, s.composite
            FROM surveys s JOIN returnees r ON r.case_id = s.case_id WHERE r.country = @country
            ORDER BY s.case_id, s.date DESC, s.survey_id DESC)
        SELECT (SELECT count(*) FROM returnees WHERE country = @country), count(*), avg(economic), count(economic), avg(social),
            count(social), avg(psychosocial), count(psychosocial), avg(composite), count(composite),
            avg(CASE WHEN composite >= 0.5 THEN 1.0 ELSE 0.0 END) FILTER (WHERE composite IS NOT NULL)
        FROM current
        """;

    /// <summary>The same figures for every country side by side (what <c>GET /compare</c> answers).</summary>
    private const string CompareQuery = """
        WITH current AS (
            SELECT DISTINCT ON (case_id) case_id, economic, social, psychosocial, composite
            FROM surveys ORDER BY case_id, date DESC, survey_id DESC)
        SELECT r.country, count(*), count(c.case_id), avg(c.economic), count(c.economic), avg(c.social), count(c.social),
            avg(c.psychosocial), count(c.psychosocial), avg(c.composite), count(c.composite),
            avg(CASE WHEN c.composite >= 0.5 THEN 1.0 ELSE 0.0 END) FILTER (WHERE c.composite IS NOT NULL)
        FROM returnees r LEFT JOIN current c ON c.case_id = r.case_id GROUP BY r.country ORDER BY r.country
        """;

    public sealed record Figures(Percentiles Country, Percentiles Compare, Percentiles Freshness);

    /// <summary>Loads the programme's returnees and surveys (scored as the service scores them) with binary COPY.</summary>
    public async Task LoadAsync(IEnumerable<string> lines)
    {
        await using var connection = await OpenAsync();
        await Execute(connection, Schema);
        var instrument = InstrumentCatalog.BuiltInDefault;
        var surveys = new List<(string CaseId, string SurveyId, DateOnly Date, SurveyScores Scores)>();
        await using (var returnees = await connection.BeginBinaryImportAsync(
                         "COPY returnees (case_id, country, community_id, sex, age, return_date, return_type) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var line in lines)
            {
                using var document = JsonDocument.Parse(line);
                var record = document.RootElement;
                switch (record.GetProperty("kind").GetString())
                {
                    case "returnee":
                        await returnees.StartRowAsync();
                        await returnees.WriteAsync(record.GetProperty("caseId").GetString());
                        await returnees.WriteAsync(record.GetProperty("country").GetString());
                        await returnees.WriteAsync(record.GetProperty("communityId").GetString());
                        await returnees.WriteAsync(record.GetProperty("sex").GetString());
                        await returnees.WriteAsync(record.GetProperty("ageAtReturn").GetInt32(), NpgsqlDbType.Integer);
                        await returnees.WriteAsync(DateOnly.Parse(record.GetProperty("returnDate").GetString()!), NpgsqlDbType.Date);
                        await returnees.WriteAsync(record.GetProperty("returnType").GetString());
                        break;
                    case "survey":
                        var answers = record.GetProperty("answers").EnumerateObject().ToDictionary(a => a.Name,
                            a => a.Value.ValueKind == JsonValueKind.String ? a.Value.GetString()! : a.Value.GetRawText());
                        surveys.Add((record.GetProperty("caseId").GetString()!, record.GetProperty("surveyId").GetString()!,
                            DateOnly.Parse(record.GetProperty("date").GetString()!), SurveyScorer.Score(instrument, answers)));
                        break;
                }
            }
            await returnees.CompleteAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
                         "COPY surveys (case_id, survey_id, date, economic, social, psychosocial, composite) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (caseId, surveyId, date, scores) in surveys)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(caseId);
                await copy.WriteAsync(surveyId);
                await copy.WriteAsync(date, NpgsqlDbType.Date);
                foreach (var score in (double?[])[scores.Economic, scores.Social, scores.Psychosocial, scores.Composite])
                    if (score is { } value) await copy.WriteAsync(value, NpgsqlDbType.Double);
                    else await copy.WriteNullAsync();
            }
            await copy.CompleteAsync();
        }
        await Execute(connection, Indexes);
    }

    /// <summary>
    /// Times the country and compare queries, and the delay from a returnee's committed insert (its acknowledgement) until
    /// the country query counts it (in <paramref name="probeCountry"/>, which the programme does not use).
    /// </summary>
    public async Task<Figures> MeasureAsync(string country, string probeCountry, int requests, int compareRequests)
    {
        await using var connection = await OpenAsync();
        var countryTimes = await Timing.MillisecondsAsync(() => CountAsync(connection, country), requests);
        var compareTimes = await Timing.MillisecondsAsync(async () =>
        {
            await using var command = new NpgsqlCommand(CompareQuery, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }
        }, compareRequests);
        var freshness = new List<double>();
        var before = await CountAsync(connection, probeCountry);
        for (var i = 0; i < requests; i++)
        {
            await using (var insert = new NpgsqlCommand(
                             "INSERT INTO returnees VALUES (@id, @country, 'probe', 'female', 30, '2025-01-10', 'avrr')", connection))
            {
                insert.Parameters.AddWithValue("id", $"sql-probe-{i}");
                insert.Parameters.AddWithValue("country", probeCountry);
                await insert.ExecuteNonQueryAsync(); // committed: acknowledged, as the service's writes are
                var clock = Stopwatch.StartNew();
                while (await CountAsync(connection, probeCountry) != before + 1)
                {
                }
                freshness.Add(clock.Elapsed.TotalMilliseconds);
            }
            before++;
        }
        return new Figures(Percentiles.Of(countryTimes), Percentiles.Of(compareTimes), Percentiles.Of(freshness));
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string country)
    {
        await using var command = new NpgsqlCommand(CountryQuery, connection);
        command.Parameters.AddWithValue("country", country);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return reader.GetInt64(0);
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }
}
