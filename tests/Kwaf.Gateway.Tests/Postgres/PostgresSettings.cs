using Kwaf.Tests.Shared.Postgres;
namespace Kwaf.Gateway.Tests.Postgres;

/// <summary>Gateway process settings for a kwaf on its own PostgreSQL database and service id.</summary>
internal static class PostgresSettings
{
    public static Dictionary<string, string> For(PostgresDatabase database) => new()
    {
        ["Kwaf:Storage:Provider"] = "PostgreSql",
        ["ConnectionStrings:Postgres"] = database.ConnectionString,
        ["Kwaf:Cluster:ServiceId"] = "s-" + Guid.NewGuid().ToString("N"),
        ["Kwaf:Policy:Detectors:LoginBruteForce:Threshold"] = "10",
        ["Kwaf:Policy:BlockDurations:0"] = "01:00:00",
    };
}
