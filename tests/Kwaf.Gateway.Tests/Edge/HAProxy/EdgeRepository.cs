namespace Kwaf.Gateway.Tests.Edge.HAProxy;

/// <summary>Files of the repository the edge tests run (configurations, the demo API).</summary>
internal static class EdgeRepository
{
    /// <summary>The full path of a file given by its parts from the repository root; fails when missing.</summary>
    public static string File(params string[] parts)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !System.IO.File.Exists(Path.Combine(root.FullName, "Kwaf.sln")))
        {
            root = root.Parent;
        }

        Assert.True(root is not null, "The repository root (Kwaf.sln) was not found above the test output.");
        var path = Path.Combine([root.FullName, .. parts]);
        Assert.True(System.IO.File.Exists(path), $"'{path}' is missing.");
        return path;
    }
}
