using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Kwaf.Grains.Hosting;

/// <summary>Reads the clustering settings that silos and gateways in client mode share.</summary>
internal static class KwafClustering
{
    /// <summary>The connection string name of the Redis membership store: <c>ConnectionStrings:Redis</c>.</summary>
    public const string RedisConnectionName = "Redis";

    /// <summary>
    /// Parses <c>ConnectionStrings:Redis</c> (StackExchange.Redis syntax, for example <c>127.0.0.1:6379</c>).
    /// Connecting is retried in the background, so a Redis that is not up yet does not fail the start.
    /// </summary>
    /// <param name="configuration">The configuration root.</param>
    /// <returns>The Redis client options.</returns>
    /// <exception cref="OptionsValidationException">The connection string is missing or cannot be parsed.</exception>
    public static ConfigurationOptions ReadRedisOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration.GetConnectionString(RedisConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw RedisFailure("must be set when Kwaf:Cluster:Membership is Redis");
        }

        try
        {
            var options = ConfigurationOptions.Parse(connectionString);
            options.AbortOnConnectFail = false;
            return options;
        }
        catch (ArgumentException exception)
        {
            throw RedisFailure($"cannot be parsed: {exception.Message}");
        }
    }

    // OptionsValidationException takes no inner exception, so a parse error travels in the message.
    private static OptionsValidationException RedisFailure(string rule) =>
        new(
            RedisConnectionName,
            typeof(ConfigurationOptions),
            [OptionsFailure.Describe("ConnectionStrings", RedisConnectionName, rule)]);
}
