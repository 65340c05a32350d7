using System.Data.Common;

namespace Kwaf.Grains.Hosting;

/// <summary>Makes connection strings safe to log by masking every secret-bearing key.</summary>
internal static class ConnectionStringRedactor
{
    private const string Mask = "***";

    private static readonly string[] SecretKeys = ["Password", "Pwd", "Passphrase", "Key", "AccessToken"];

    /// <summary>Returns the connection string with the value of each secret key replaced by a mask.</summary>
    /// <param name="connectionString">The connection string.</param>
    /// <returns>The redacted text, or a mask alone when the text cannot be parsed.</returns>
    public static string Redact(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            // Unparsable text may still hold a secret, so none of it is shown.
            return Mask;
        }

        foreach (var key in SecretKeys)
        {
            if (builder.ContainsKey(key))
            {
                builder[key] = Mask;
            }
        }

        return builder.ConnectionString;
    }
}
