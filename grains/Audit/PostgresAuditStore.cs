using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Kwaf.Grains.Audit;

/// <summary>
/// The audit log in PostgreSQL, table <c>kwaf_audit_log</c> (sql/postgresql/010_audit_log.sql). A batch is one
/// binary COPY: one round trip, all rows or none. Owns its data source and disposes it.
/// </summary>
internal sealed class PostgresAuditStore : IAuditStore, IAuditReader, IAsyncDisposable
{
    private const string CopyCommand =
        "COPY kwaf_audit_log (" + AuditSql.InsertColumns + ") FROM STDIN (FORMAT BINARY)";

    private readonly NpgsqlDataSource _dataSource;

    public PostgresAuditStore(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
    }

    /// <inheritdoc />
    public async Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var importer = await connection.BeginBinaryImportAsync(CopyCommand, cancellationToken);
        foreach (var record in records)
        {
            await WriteRowAsync(importer, record, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <inheritdoc />
    public async Task<AuditPage> ReadAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = _dataSource.CreateCommand();
        AuditSql.BuildPageQuery(command, query, "signals::text", static micros => ToUtc(micros));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await AuditSql.ReadPageAsync(reader, query.Limit, ReadTime, cancellationToken);
    }

    private static async Task WriteRowAsync(
        NpgsqlBinaryImporter importer,
        AuditRecord record,
        CancellationToken cancellationToken)
    {
        await importer.StartRowAsync(cancellationToken);
        await importer.WriteAsync(record.At.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
        await importer.WriteAsync(record.RecordedAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
        await importer.WriteAsync(AuditNames.Of(record.Kind), NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(record.SubjectKind, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(record.SubjectId, NpgsqlDbType.Text, cancellationToken);
        await WriteTextAsync(importer, record.DecisionId, cancellationToken);
        await WriteTextAsync(importer, record.Decision is { } kind ? AuditNames.Of(kind) : null, cancellationToken);
        await WriteTextAsync(importer, record.Origin is { } origin ? AuditNames.Of(origin) : null, cancellationToken);
        await WriteTextAsync(
            importer,
            record.PreviousLevel is { } previous ? AuditNames.Of(previous) : null,
            cancellationToken);
        await WriteTextAsync(importer, record.Level is { } level ? AuditNames.Of(level) : null, cancellationToken);
        await WriteNullableAsync(importer, record.Score, NpgsqlDbType.Double, cancellationToken);
        await importer.WriteAsync(AuditSignalsJson.Write(record.Signals), NpgsqlDbType.Jsonb, cancellationToken);
        await WriteNullableAsync(importer, record.Expires?.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
        await WriteTextAsync(importer, record.Cause, cancellationToken);
        await WriteTextAsync(importer, record.Actor, cancellationToken);
    }

    private static Task WriteTextAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken token) =>
        value is null ? importer.WriteNullAsync(token) : importer.WriteAsync(value, NpgsqlDbType.Text, token);

    private static Task WriteNullableAsync<T>(
        NpgsqlBinaryImporter importer,
        T? value,
        NpgsqlDbType type,
        CancellationToken token)
        where T : struct =>
        value is { } present ? importer.WriteAsync(present, type, token) : importer.WriteNullAsync(token);

    private static DateTime ToUtc(long unixMicroseconds) =>
        AuditCursor.FromUnixMicroseconds(unixMicroseconds).UtcDateTime;

    private static DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        new(DateTime.SpecifyKind(reader.GetFieldValue<DateTime>(ordinal), DateTimeKind.Utc));
}
