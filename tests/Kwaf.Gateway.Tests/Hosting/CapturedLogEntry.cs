using Microsoft.Extensions.Logging;

namespace Kwaf.Gateway.Tests.Hosting;

internal sealed record CapturedLogEntry(LogLevel Level, EventId EventId, IReadOnlyDictionary<string, object?> Fields);
