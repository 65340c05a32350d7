namespace Kwaf.Grains.Hosting;

/// <summary>One numbered SQL script of the embedded store, such as <c>001_orleans_grain_storage.sql</c>.</summary>
/// <param name="Name">The file name, which is also the name recorded in <c>kwaf_schema_version</c>.</param>
/// <param name="Path">The full path of the file.</param>
internal sealed record EmbeddedStoreScript(string Name, string Path)
{
    private const int NumberLength = 3;

    /// <summary>Lists the scripts of a folder in the order they must be applied.</summary>
    /// <param name="folder">The script folder.</param>
    /// <returns>The scripts, ordered by file name.</returns>
    /// <exception cref="InvalidOperationException">The folder is missing or a file name has no number.</exception>
    public static IReadOnlyList<EmbeddedStoreScript> Discover(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException(
                $"Embedded store script folder {folder} does not exist; "
                + "the application must be deployed with its sql/sqlite scripts.");
        }

        var scripts = new List<EmbeddedStoreScript>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.sql"))
        {
            var name = System.IO.Path.GetFileName(path);
            if (!HasNumberPrefix(name))
            {
                throw new InvalidOperationException(
                    $"Embedded store script {path} is not named NNN_description.sql with three digits, "
                    + "so its order is unknown.");
            }

            scripts.Add(new EmbeddedStoreScript(name, path));
        }

        scripts.Sort(static (left, right) => string.CompareOrdinal(left.Name, right.Name));
        return scripts;
    }

    /// <summary>Reads the script text.</summary>
    /// <returns>The SQL.</returns>
    public string ReadText() => File.ReadAllText(Path);

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
