using System.Diagnostics;
using System.Text.RegularExpressions;
using Kwaf.Gateway.Tests.Hosting;
using Kwaf.Tests.Shared;
using Xunit.Abstractions;

namespace Kwaf.Gateway.Tests.Publish;

/// <summary>
/// What can be checked of docker/ without a Docker engine: the compose file and Dockerfiles pass
/// docker/check-compose.py, and each image's build step is a <c>dotnet publish</c> of a real project whose output
/// holds the image's entry point. The publish runs with --no-build on the build this test run made, so it checks
/// the publish layout, not a second compilation.
/// </summary>
[Trait("Category", "Publish")]
public sealed partial class DockerImageTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    private readonly ITestOutputHelper _output;

    public DockerImageTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task ComposeCheck_RepositoryFiles_Passes()
    {
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var script = Path.Combine(TestServers.RepositoryRoot, "docker", "check-compose.py");

        var (exitCode, output) = await RunAsync(python, script);

        Assert.True(exitCode == 0, $"docker/check-compose.py failed: {output}");
        Assert.Contains("compose check: ok", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gateway.Dockerfile", "Kwaf.Gateway.dll")]
    [InlineData("silo.Dockerfile", "Kwaf.Silo.dll")]
    public async Task DockerfilePublishStep_RunWithoutDocker_ProducesTheEntryPoint(string dockerfile, string entryDll)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(TestServers.RepositoryRoot, "docker", dockerfile));
        var publish = PublishStep().Match(text);
        Assert.True(publish.Success, $"{dockerfile} has no 'RUN dotnet publish PROJECT -c Release -o /app' step.");
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"{entryDll}\"]", text, StringComparison.Ordinal);
        using var folder = new TempFolder();
        var project = Path.Combine(TestServers.RepositoryRoot, publish.Groups["project"].Value);

        var (exitCode, output) = await RunAsync(
            "dotnet",
            "publish",
            project,
            "-c",
            BuildConfiguration(),
            "--no-build",
            "-o",
            folder.Path);

        Assert.True(exitCode == 0, $"dotnet publish {project} failed: {output}");
        Assert.True(File.Exists(Path.Combine(folder.Path, entryDll)), $"{entryDll} missing from the publish output.");
        var runtimeConfig = Path.ChangeExtension(entryDll, ".runtimeconfig.json");
        Assert.True(File.Exists(Path.Combine(folder.Path, runtimeConfig)), $"{runtimeConfig} missing.");
        Assert.True(
            File.Exists(Path.Combine(folder.Path, "Orleans.Dashboard.dll")),
            "Orleans.Dashboard.dll missing: the image's silo could not collect dashboard data.");
    }

    // The step that turns the repository into the image's /app folder.
    [GeneratedRegex(@"^RUN dotnet publish (?<project>\S+\.csproj) -c Release -o /app$", RegexOptions.Multiline)]
    private static partial Regex PublishStep();

    // Tests run from tests/Kwaf.Gateway.Tests/bin/CONFIG/net10.0: the projects were built in the same configuration.
    private static string BuildConfiguration() =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private async Task<(int ExitCode, string Output)> RunAsync(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = TestServers.RepositoryRoot,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(CommandTimeout);
        var text = await output + await errors;
        _output.WriteLine(text);
        return (process.ExitCode, text);
    }
}
