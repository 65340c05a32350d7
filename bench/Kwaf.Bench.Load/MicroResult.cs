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

            var header = lines[0].Split(',');
            var name = Path.GetFileName(file).Replace("-report.csv", string.Empty, StringComparison.Ordinal);
            var type = name[(name.LastIndexOf('.') + 1)..];
            foreach (var line in lines.Skip(1))
            {
                var cells = line.Split(',');
                string Cell(string column) => Array.IndexOf(header, column) is var i and >= 0 && i < cells.Length
                    ? cells[i].Trim('"')
                    : string.Empty;
                results.Add(new MicroResult(type, Cell("Method"), Cell("Mean"), Cell("StdDev"), Cell("Allocated")));
            }
        }

        return results;
    }
}
