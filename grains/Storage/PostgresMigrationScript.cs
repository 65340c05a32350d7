using System.Security.Cryptography;
using System.Text;

namespace Kwaf.Grains.Storage;

/// <summary>One numbered PostgreSQL script, such as <c>002_orleans_grain_state.sql</c>.</summary>
/// <param name="Name">The file name, which is also the name recorded in <c>kwaf_schema_migrations</c>.</param>
/// <param name="Path">The full path of the file.</param>
/// <param name="Text">The script text with line endings normalized to LF.</param>
/// <param name="Checksum">Lowercase hex SHA-256 of <paramref name="Text"/> as UTF-8.</param>
internal sealed record PostgresMigrationScript(string Name, string Path, string Text, string Checksum)
{
    private const int NumberLength = 3;

    /// <summary>Where the scripts are deployed, relative to the application folder.</summary>
    public static readonly string DefaultFolder = System.IO.Path.Combine(AppContext.BaseDirectory, "sql", "postgresql");

    /// <summary>Reads the scripts of a folder in the order they must be applied.</summary>
    /// <param name="folder">The script folder.</param>
    /// <returns>The scripts, ordered by file name.</returns>
    /// <exception cref="InvalidOperationException">The folder is missing or a file is not named NNN_name.sql.
    /// </exception>
    public static IReadOnlyList<PostgresMigrationScript> Discover(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException(
                $"PostgreSQL script folder {folder} does not exist; "
                + "the application must be deployed with its sql/postgresql scripts.");
        }

        var scripts = new List<PostgresMigrationScript>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.sql"))
        {
            var name = System.IO.Path.GetFileName(path);
            if (!HasNumberPrefix(name))
            {
                throw new InvalidOperationException(
                    $"PostgreSQL script {path} is not named NNN_description.sql with three digits, "
                    + "so its order is unknown.");
            }

            scripts.Add(FromText(name, path, File.ReadAllText(path)));
        }

        scripts.Sort(static (left, right) => string.CompareOrdinal(left.Name, right.Name));
        return scripts;
    }

    /// <summary>Builds a script from its text, normalizing line endings and computing the checksum.</summary>
    /// <param name="name">The file name.</param>
    /// <param name="path">The full path, for messages.</param>
    /// <param name="text">The text as read.</param>
    /// <returns>The script.</returns>
    public static PostgresMigrationScript FromText(string name, string path, string text)
    {
        // A checkout with CRLF line endings is the same script, so line endings do not count in the checksum.
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(normalized));
        return new PostgresMigrationScript(name, path, normalized, Convert.ToHexStringLower(hash));
    }

    private static bool HasNumberPrefix(string name)
    {
        // Exactly three digits, so that ordinal order of the names is numeric order.
        if (name.Length <= NumberLength || name[NumberLength] != '_')
        {
            return false;
        }

        foreach (var character in name.AsSpan(0, NumberLength))
        {
            if (!char.IsAsciiDigit(character))
            {
                return false;
            }
        }

        return true;
    }
}
