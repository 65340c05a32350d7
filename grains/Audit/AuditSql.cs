using System.Data.Common;
using System.Text;

namespace Kwaf.Grains.Audit;

/// <summary>
/// The SQL shared by the PostgreSQL and SQLite audit stores: one table, <c>kwaf_audit_log</c>, with the same
/// columns in both (times are <c>timestamptz</c> in PostgreSQL and Unix microseconds in SQLite).
/// </summary>
internal static class AuditSql
{
    /// <summary>The columns written, in order; <c>sequence</c> is assigned by the database.</summary>
    public const string InsertColumns = "at, recorded_at, record_kind, subject_kind, subject_id, decision_id, "
        + "decision, origin, previous_level, level, score, signals, expires, cause, actor";

    /// <summary>
    /// Builds the page query: filters and the cursor as parameters, newest first, one row more than the limit so
    /// that the caller knows whether a next page exists.
    /// </summary>
    /// <param name="command">The command to fill.</param>
    /// <param name="query">The query.</param>
    /// <param name="signalsColumn">How the signals column is selected as text.</param>
    /// <param name="toDbTime">Converts Unix microseconds to the store's time parameter value.</param>
    public static void BuildPageQuery(
        DbCommand command,
        AuditQuery query,
        string signalsColumn,
        Func<long, object> toDbTime)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder("SELECT sequence, at, recorded_at, record_kind, subject_kind, subject_id, ")
            .Append("decision_id, decision, origin, previous_level, level, score, ")
            .Append(signalsColumn)
            .Append(", expires, cause, actor FROM kwaf_audit_log WHERE 1 = 1");
        if (query.SubjectKind is not null)
        {
            sql.Append(" AND subject_kind = @subject_kind AND subject_id = @subject_id");
            Add(command, "subject_kind", query.SubjectKind);
            Add(command, "subject_id", query.SubjectId ?? string.Empty);
        }

        if (query.Since is { } since)
        {
            sql.Append(" AND at >= @since");
            Add(command, "since", toDbTime(AuditCursor.ToUnixMicroseconds(since)));
        }

        if (query.Until is { } until)
        {
            sql.Append(" AND at < @until");
            Add(command, "until", toDbTime(AuditCursor.ToUnixMicroseconds(until)));
        }

        if (query.After is { } after)
        {
            sql.Append(" AND (at < @cursor_at OR (at = @cursor_at AND sequence < @cursor_sequence))");
            Add(command, "cursor_at", toDbTime(after.AtUnixMicroseconds));
            Add(command, "cursor_sequence", after.Sequence);
        }

        sql.Append(" ORDER BY at DESC, sequence DESC LIMIT @row_limit");
        Add(command, "row_limit", query.Limit + 1);
        command.CommandText = sql.ToString();
    }

    /// <summary>Reads the rows of a page query; times come through <paramref name="readTime"/>.</summary>
    public static async Task<AuditPage> ReadPageAsync(
        DbDataReader reader,
        int limit,
        Func<DbDataReader, int, DateTimeOffset> readTime,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(readTime);
        var items = new List<AuditRecord>();
        var more = false;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (items.Count == limit)
            {
                more = true;
                break;
            }

            items.Add(ReadRecord(reader, readTime));
        }

        return new AuditPage(items, more ? AuditCursor.After(items[^1]) : null);
    }

    private static AuditRecord ReadRecord(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> readTime) =>
        new(AuditNames.ParseKind(reader.GetString(3)), readTime(reader, 1), reader.GetString(4), reader.GetString(5))
        {
            Sequence = reader.GetInt64(0),
            RecordedAt = readTime(reader, 2),
            DecisionId = NullableString(reader, 6),
            Decision = AuditNames.ParseDecision(NullableString(reader, 7)),
            Origin = AuditNames.ParseOrigin(NullableString(reader, 8)),
            PreviousLevel = AuditNames.ParseLevel(NullableString(reader, 9)),
            Level = AuditNames.ParseLevel(NullableString(reader, 10)),
            Score = reader.IsDBNull(11) ? null : reader.GetDouble(11),
            Signals = AuditSignalsJson.Read(NullableString(reader, 12)),
            Expires = reader.IsDBNull(13) ? null : readTime(reader, 13),
            Cause = NullableString(reader, 14),
            Actor = NullableString(reader, 15),
        };

    private static string? NullableString(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
