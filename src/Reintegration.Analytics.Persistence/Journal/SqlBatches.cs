using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Reintegration.Analytics.Persistence.Journal;

/// <summary>The multi-row statements of a journal batch, in each backend's dialect.</summary>
internal static class SqlBatches
{
    public sealed record Row(string CaseId, long Version, byte[] Change, string CommunityId, byte[] Contribution);

    /// <summary>
    /// Inserts the journal rows; returns the (case, version) pairs actually inserted (others already
    /// existed) and how many statements it took. Callers pass rows in (case, version) order so that
    /// two silos writing overlapping cases lock rows in the same order and cannot deadlock.
    /// </summary>
    public static async Task<(HashSet<(string, long)> Inserted, int Statements)> InsertJournalAsync(DatabaseBackend backend, DbConnection connection, DbTransaction transaction, IReadOnlyList<Row> rows)
    {
        var inserted = new HashSet<(string, long)>();
        if (backend == DatabaseBackend.PostgreSql)
        {
            await using var command = new NpgsqlCommand(
                """
                INSERT INTO returnee_journal (case_id, version, change)
                SELECT * FROM unnest(@cases, @versions, @changes)
                ON CONFLICT (case_id, version) DO NOTHING
                RETURNING case_id, version
                """, (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
            command.Parameters.Add(new NpgsqlParameter("cases", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.CaseId).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("versions", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = rows.Select(r => r.Version).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("changes", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = rows.Select(r => r.Change).ToArray() });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) inserted.Add((reader.GetString(0), reader.GetInt64(1)));
            return (inserted, 1);
        }

        var statements = 0;
        foreach (var chunk in rows.Chunk(300))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText =
                $"INSERT INTO returnee_journal (case_id, version, change) VALUES {string.Join(", ", chunk.Select((_, i) => $"(@c{i}, @v{i}, @b{i})"))} " +
                "ON CONFLICT (case_id, version) DO NOTHING RETURNING case_id, version";
            for (var i = 0; i < chunk.Length; i++)
            {
                Add(command, $"@c{i}", chunk[i].CaseId);
                Add(command, $"@v{i}", chunk[i].Version);
                Add(command, $"@b{i}", chunk[i].Change);
            }
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) inserted.Add((reader.GetString(0), reader.GetInt64(1)));
            statements++;
        }
        return (inserted, statements);
    }

    /// <summary>Deletes journal rows of this transaction (an append that could not be journaled whole); returns the statements.</summary>
    public static async Task<int> DeleteJournalAsync(
        DatabaseBackend backend, DbConnection connection, DbTransaction transaction, IReadOnlyList<(string CaseId, long Version)> keys)
    {
        var statements = 0;
        foreach (var chunk in keys.Chunk(300))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM returnee_journal WHERE " +
                string.Join(" OR ", chunk.Select((_, i) => $"(case_id = @c{i} AND version = @v{i})"));
            for (var i = 0; i < chunk.Length; i++)
            {
                Add(command, $"@c{i}", chunk[i].CaseId);
                Add(command, $"@v{i}", chunk[i].Version);
            }
            await command.ExecuteNonQueryAsync();
            statements++;
        }
        return statements;
    }

    /// <summary>Upserts each case's membership row, keeping the highest version; returns the statements it took.</summary>
    public static async Task<int> UpsertMembersAsync(DatabaseBackend backend, DbConnection connection, DbTransaction transaction, IReadOnlyList<Row> rows)
    {
        // One row per case (a statement may not update the same row twice).
        var latest = rows.GroupBy(r => r.CaseId).Select(g => g.MaxBy(r => r.Version)!).OrderBy(r => r.CaseId, StringComparer.Ordinal).ToList();
        const string onConflict =
            "ON CONFLICT (case_id) DO UPDATE SET community_id = excluded.community_id, version = excluded.version, contribution = excluded.contribution " +
            "WHERE community_members.version < excluded.version";
        if (backend == DatabaseBackend.PostgreSql)
        {
            await using var command = new NpgsqlCommand(
                $"INSERT INTO community_members (case_id, community_id, version, contribution) SELECT * FROM unnest(@cases, @communities, @versions, @contributions) {onConflict}",
                (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
            command.Parameters.Add(new NpgsqlParameter("cases", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = latest.Select(r => r.CaseId).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("communities", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = latest.Select(r => r.CommunityId).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("versions", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = latest.Select(r => r.Version).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("contributions", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = latest.Select(r => r.Contribution).ToArray() });
            await command.ExecuteNonQueryAsync();
            return 1;
        }

        var statements = 0;
        foreach (var chunk in latest.Chunk(200))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText =
                $"INSERT INTO community_members (case_id, community_id, version, contribution) VALUES {string.Join(", ", chunk.Select((_, i) => $"(@c{i}, @m{i}, @v{i}, @b{i})"))} {onConflict}";
            for (var i = 0; i < chunk.Length; i++)
            {
                Add(command, $"@c{i}", chunk[i].CaseId);
                Add(command, $"@m{i}", chunk[i].CommunityId);
                Add(command, $"@v{i}", chunk[i].Version);
                Add(command, $"@b{i}", chunk[i].Contribution);
            }
            await command.ExecuteNonQueryAsync();
            statements++;
        }
        return statements;
    }

    public sealed record TailRequest(string CaseId, long AfterVersion);

    /// <summary>For each request, in request order, the serialized changes of its case after its version, in version order.</summary>
    public static async Task<List<byte[]>[]> ReadTailsAsync(DatabaseBackend backend, DbConnection connection, IReadOnlyList<TailRequest> requests)
    {
        var tails = requests.Select(_ => new List<byte[]>()).ToArray();
        if (backend == DatabaseBackend.PostgreSql)
        {
            await using var command = new NpgsqlCommand(
                """
                SELECT r.n, j.change
                FROM unnest(@cases, @versions) WITH ORDINALITY AS r(case_id, version, n)
                JOIN returnee_journal j ON j.case_id = r.case_id AND j.version > r.version
                ORDER BY r.n, j.version
                """, (NpgsqlConnection)connection);
            command.Parameters.Add(new NpgsqlParameter("cases", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = requests.Select(r => r.CaseId).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("versions", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = requests.Select(r => r.AfterVersion).ToArray() });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tails[reader.GetInt64(0) - 1].Add((byte[])reader[1]);
            return tails;
        }

        for (var offset = 0; offset < requests.Count; offset += 300)
        {
            var chunk = requests.Skip(offset).Take(300).ToList();
            await using var command = connection.CreateCommand();
            command.CommandText =
                $"WITH r(n, case_id, version) AS (VALUES {string.Join(", ", chunk.Select((_, i) => $"({offset + i}, @c{i}, @v{i})"))}) " +
                "SELECT r.n, j.change FROM r JOIN returnee_journal j ON j.case_id = r.case_id AND j.version > r.version ORDER BY r.n, j.version";
            for (var i = 0; i < chunk.Count; i++)
            {
                Add(command, $"@c{i}", chunk[i].CaseId);
                Add(command, $"@v{i}", chunk[i].AfterVersion);
            }
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tails[reader.GetInt64(0)].Add((byte[])reader[1]);
        }
        return tails;
    }

    public static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
