namespace Kwaf.Grains.Hosting;

/// <summary>Where grain state is kept.</summary>
internal enum KwafStorageProvider
{
    /// <summary>An embedded SQLite file, <c>kwaf.db</c> in the data folder. State survives a restart.</summary>
    Sqlite,

    /// <summary>Process memory only, for replay and tests. State is lost when the process stops.</summary>
    Memory,

    /// <summary>
    /// PostgreSQL through the Orleans ADO.NET provider (invariant <c>Npgsql</c>), at <c>ConnectionStrings:Postgres</c>.
    /// Shared by every silo of a cluster. The schema comes from <c>sql/postgresql</c>.
    /// </summary>
    PostgreSql,
}
