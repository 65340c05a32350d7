namespace Kwaf.Bench.Load;

/// <summary>One BenchmarkDotNet result, read from its CSV report.</summary>
internal sealed record MicroResult(string Class, string Method, string Mean, string StdDev, string Allocated)
{
    /// <summary>Reads every <c>*-report.csv</c> under <paramref name="folder"/> (BenchmarkDotNet's results).</summary>
    public static List<MicroResult> ReadAll(string? folder)
    {
        var results = new List<MicroResult>();
        if (folder is null || !Directory.Exists(folder))
        {
            return results;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*-report.csv", SearchOption.AllDirectories).Order())
        {
            var lines = File.ReadAllLines(file);
            if (lines.Length < 2)
            {
                continue;
            }

            var header = SplitCsv(lines[0]);
            var name = Path.GetFileName(file).Replace("-report.csv", string.Empty, StringComparison.Ordinal);
            var type = name[(name.LastIndexOf('.') + 1)..];
            foreach (var line in lines.Skip(1))
            {
                var cells = SplitCsv(line);
                string Cell(string column) => Array.IndexOf(header, column) is var i and >= 0 && i < cells.Length
                    ? cells[i]
                    : string.Empty;
                results.Add(new MicroResult(type, Cell("Method"), Cell("Mean"), Cell("StdDev"), Cell("Allocated")));
            }
        }

        return results;
    }

    /// <summary>
    /// Splits one CSV line; a quoted cell may hold commas, as BenchmarkDotNet writes a mean of "6,346.41 ns".
    /// </summary>
    private static string[] SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return [.. cells];
    }
}
