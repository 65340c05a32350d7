using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Kwaf.Grains.Audit;

/// <summary>
/// The audit log in the embedded SQLite file, table <c>kwaf_audit_log</c> (sql/sqlite/002_audit_log.sql), with
/// times as Unix microseconds. A batch is one transaction with one prepared insert: SQLite is in process, so the
/// cost is the commit, paid once per batch.
/// </summary>
internal sealed class SqliteAuditStore : IAuditStore, IAuditReader
{
    private const string InsertCommand = "INSERT INTO kwaf_audit_log (" + AuditSql.InsertColumns + ") VALUES "
        + "(@at, @recorded_at, @record_kind, @subject_kind, @subject_id, @decision_id, @decision, @origin, "
        + "@previous_level, @level, @score, @signals, @expires, @cause, @actor)";

    private readonly DbDataSource _dataSource;

    public SqliteAuditStore(DbDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
    }

    /// <inheritdoc />
    public async Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        await using var connection = (SqliteConnection)await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = InsertCommand;
        var parameters = CreateParameters(command);
        foreach (var record in records)
        {
            Bind(parameters, record);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<AuditPage> ReadAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        AuditSql.BuildPageQuery(command, query, "signals", static micros => micros);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await AuditSql.ReadPageAsync(reader, query.Limit, ReadTime, cancellationToken);
    }

    private static SqliteParameter[] CreateParameters(SqliteCommand command)
    {
        var names = AuditSql.InsertColumns.Split(", ");
        var parameters = new SqliteParameter[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            parameters[i] = command.Parameters.Add(new SqliteParameter("@" + names[i], DBNull.Value));
        }

        return parameters;
    }

    private static void Bind(SqliteParameter[] parameters, AuditRecord record)
    {
        parameters[0].Value = AuditCursor.ToUnixMicroseconds(record.At);
        parameters[1].Value = AuditCursor.ToUnixMicroseconds(record.RecordedAt);
        parameters[2].Value = AuditNames.Of(record.Kind);
        parameters[3].Value = record.SubjectKind;
        parameters[4].Value = record.SubjectId;
        parameters[5].Value = (object?)record.DecisionId ?? DBNull.Value;
        parameters[6].Value = record.Decision is { } kind ? AuditNames.Of(kind) : DBNull.Value;
        parameters[7].Value = record.Origin is { } origin ? AuditNames.Of(origin) : DBNull.Value;
        parameters[8].Value = record.PreviousLevel is { } previous ? AuditNames.Of(previous) : DBNull.Value;
        parameters[9].Value = record.Level is { } level ? AuditNames.Of(level) : DBNull.Value;
        parameters[10].Value = record.Score is { } score ? score : DBNull.Value;
        parameters[11].Value = AuditSignalsJson.Write(record.Signals);
        parameters[12].Value = record.Expires is { } expires ? AuditCursor.ToUnixMicroseconds(expires) : DBNull.Value;
        parameters[13].Value = (object?)record.Cause ?? DBNull.Value;
        parameters[14].Value = (object?)record.Actor ?? DBNull.Value;
    }

    private static DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        AuditCursor.FromUnixMicroseconds(reader.GetInt64(ordinal));
}
