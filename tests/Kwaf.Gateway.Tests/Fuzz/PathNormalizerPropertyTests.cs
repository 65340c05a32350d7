using CsCheck;
using Kwaf.Gateway.Ingestion.Paths;

namespace Kwaf.Gateway.Tests.Fuzz;

/// <summary>
/// The path normalizer on structured targets (dot segments, escapes, backslashes, absolute forms) and their
/// mutations: the path is rooted, holds no empty or dot segment, stays within the cost bound, and normalizing it
/// again changes nothing (unless escaping made it longer than the cut on targets).
/// </summary>
public sealed class PathNormalizerPropertyTests
{
    private static readonly Gen<string> Target = Gen.OneOf(
        EventGen.Path,
        Fuzz.Mutated(EventGen.Path).Select(static bytes => System.Text.Encoding.UTF8.GetString(bytes)));

    [Fact]
    public Task Normalize_AnyTarget_RootedCleanAndBounded() =>
        Fuzz.SampleAsync(Gen.Select(Target, Gen.Enum<PathProfile>()), static sample =>
        {
            var (target, profile) = sample;
            var path = PathNormalizer.Normalize(target, profile).Path;
            var segments = path.Split('/')[1..];
            var clean = path == "/"
                || Array.TrueForAll(segments[..^1], static s => s.Length > 0 && s is not "." and not "..");
            var last = segments[^1] is not "." and not "..";
            return path.StartsWith('/') && clean && last && path.Length <= (3 * PathNormalizer.MaxTargetLength) + 1;
        }, 3000);

    [Fact]
    public Task Normalize_NormalizedPath_IsUnchanged() =>
        Fuzz.SampleAsync(Gen.Select(Target, Gen.Enum<PathProfile>()), static sample =>
        {
            var (target, profile) = sample;
            var once = PathNormalizer.Normalize(target, profile).Path;
            var twice = PathNormalizer.Normalize(once, profile).Path;

            // Escapes can make a path longer than the cut on targets; normalized again, such a path is cut again.
            return once.Contains('?') || once.Length > PathNormalizer.MaxTargetLength || once == twice;
        }, 3000);

    [Fact]
    public Task Build_AnyMethodAndPath_GivesTemplateStartingWithMethod() =>
        Fuzz.SampleAsync(Gen.Select(Gen.OneOfConst("GET", "POST", "PROPFIND"), Target), static sample =>
        {
            var path = PathNormalizer.Normalize(sample.Item2, PathProfile.Unix).Path;
            return EndpointTemplate.Build(sample.Item1, path).StartsWith(sample.Item1 + " /", StringComparison.Ordinal);
        }, 2000);
}
