namespace Kwaf.Grains.Hosting;

/// <summary>Which grain state store the silo uses, and where it lives.</summary>
internal sealed class KwafStorageOptions
{
    /// <summary>The configuration section: <c>Kwaf:Storage</c>.</summary>
    public const string SectionName = "Kwaf:Storage";

    /// <summary>The SQLite file name inside <see cref="DataPath"/>.</summary>
    public const string SqliteFileName = "kwaf.db";

    /// <summary>
    /// The store (<c>Kwaf:Storage:Provider</c>): <c>Sqlite</c> (default), <c>Memory</c> or <c>PostgreSql</c>.
    /// </summary>
    public KwafStorageProvider Provider { get; set; } = KwafStorageProvider.Sqlite;

    /// <summary>
    /// Folder of the embedded store (<c>Kwaf:Storage:DataPath</c>). Default <c>./data</c>, relative to the
    /// current directory. Created when missing. Not empty. Two running instances must not share it.
    /// </summary>
    public string DataPath { get; set; } = "./data";

    /// <summary>
    /// How long a statement waits for a locked SQLite database (<c>Kwaf:Storage:BusyTimeout</c>). Default
    /// 5 seconds. Between 0 and 1 hour. SQLite itself waits, instead of the client's 150 ms retry sleep.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether a silo on PostgreSQL applies the missing scripts of <c>sql/postgresql</c> when it starts
    /// (<c>Kwaf:Storage:MigrateOnStart</c>). Default true. With false the schema must have been applied before, by
    /// <c>dotnet run --project silo -- migrate</c>; a silo then fails at start when the tables are missing. Only
    /// used with <c>PostgreSql</c>; the embedded SQLite store always prepares itself.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>The absolute path of the SQLite file.</summary>
    /// <returns>The full path of <c>kwaf.db</c> in the data folder.</returns>
    public string GetSqliteFilePath() => Path.Combine(Path.GetFullPath(DataPath), SqliteFileName);
}
