using Kwaf.Grains.Hosting;
using Kwaf.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kwaf.Silo.Migrations;

/// <summary>
/// <c>dotnet run --project silo -- migrate</c>: applies the missing scripts of <c>sql/postgresql</c> to the database
/// at <c>ConnectionStrings:Postgres</c> (read like the silo reads it: appsettings.json, environment, command line),
/// prints each script it applied and exits 0; exits 1, naming the cause, when the connection string is missing, the
/// database cannot be reached, or an applied script has changed.
/// </summary>
internal static class MigrateCommand
{
    /// <summary>Runs the command.</summary>
    /// <param name="args">Host arguments, for example <c>--ConnectionStrings:Postgres=...</c>.</param>
    /// <param name="output">Where applied scripts and the summary go.</param>
    /// <param name="error">Where failures go.</param>
    /// <param name="cancellationToken">Cancels between scripts.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(
        string[] args,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args });
        return await RunAsync(
            builder.Configuration,
            PostgresMigrationScript.DefaultFolder,
            output,
            error,
            cancellationToken);
    }

    /// <summary>Runs the command on a given configuration and script folder.</summary>
    /// <param name="configuration">The configuration holding <c>ConnectionStrings:Postgres</c>.</param>
    /// <param name="scriptFolder">The folder of the numbered scripts.</param>
    /// <param name="output">Where applied scripts and the summary go.</param>
    /// <param name="error">Where failures go.</param>
    /// <param name="cancellationToken">Cancels between scripts.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(
        IConfiguration configuration,
        string scriptFolder,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            var connectionString = KwafPostgresSiloBuilderExtensions.ReadConnectionString(configuration);
            var migrator = new PostgresMigrator(
                connectionString,
                scriptFolder,
                TimeProvider.System,
                NullLogger<PostgresMigrator>.Instance);
            var applied = await migrator.MigrateAsync(cancellationToken);
            foreach (var name in applied)
            {
                await output.WriteLineAsync($"applied {name}");
            }

            await output.WriteLineAsync(
                $"PostgreSQL schema is current ({ConnectionStringRedactor.Redact(connectionString)}): "
                + $"{applied.Count} scripts applied now.");
            return 0;
        }
        catch (Exception exception) when (exception is InvalidOperationException or Npgsql.NpgsqlException)
        {
            await error.WriteLineAsync($"migrate: {exception.Message}");
            return 1;
        }
    }
}
