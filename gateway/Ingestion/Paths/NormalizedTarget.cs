using Kwaf.Events;

namespace Kwaf.Gateway.Ingestion.Paths;

/// <summary>A request target after <see cref="PathNormalizer.Normalize"/>.</summary>
/// <param name="Host">Host from an absolute-form or authority-form target, lower case, without port; else null.</param>
/// <param name="Path">Normalized path; always starts with '/'.</param>
/// <param name="Query">Query as logged, without the '?'; null when absent.</param>
/// <param name="Traits">What normalization found (DoubleEncoded, PathTraversal, EvasionShape).</param>
internal sealed record NormalizedTarget(string? Host, string Path, string? Query, RequestTraits Traits);
