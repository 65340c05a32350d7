using Kwaf.Gateway.Ingestion.Text;

namespace Kwaf.Gateway.Ingestion.AccessLogs;

/// <summary>
/// Splits a logged request line (<c>%r</c>, nginx <c>$request</c>) into method and target and records its shape.
/// <c>METHOD target HTTP/x.y</c> is Normal, or AbsoluteForm for a full URL, or Connect for CONNECT; without a protocol
/// it is NoProtocol; <c>-</c>, a single token, or a method that is not an HTTP token (binary noise such as
/// <c>\x16\x03...</c>) is Malformed with method and target left null. A target with spaces is kept whole.
/// </summary>
internal static class RequestLineParser
{
    /// <summary>
    /// Records that the draft came with a request line and sets its Shape, Method and Target (where the draft has
    /// none yet); a line that is not a request is kept whole as RawRequestLine.
    /// </summary>
    public static void Apply(string requestLine, EventDraft draft)
    {
        ArgumentNullException.ThrowIfNull(requestLine);
        Apply(requestLine, requestLine, draft);
    }

    /// <summary>As <see cref="Apply(string, EventDraft)"/> for a line that is not a string yet.</summary>
    /// <remarks>A well-formed line costs only its target's string; the line is kept only when malformed.</remarks>
    public static void Apply(ReadOnlySpan<char> requestLine, EventDraft draft) => Apply(requestLine, null, draft);

    private static void Apply(ReadOnlySpan<char> requestLine, string? lineText, EventDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        draft.HasRequestLine = true;
        draft.Shape = RequestLineShape.Malformed;
        var text = requestLine.Trim(' ');
        var firstSpace = text.IndexOf(' ');
        if (firstSpace <= 0 || !HttpToken.IsMethod(text[..firstSpace]))
        {
            draft.RawRequestLine = lineText ?? requestLine.ToString();
            return;
        }

        var method = text[..firstSpace];
        var rest = text[(firstSpace + 1)..].TrimStart(' ');
        var lastSpace = rest.LastIndexOf(' ');
        var hasProtocol = lastSpace > 0 && IsProtocol(rest[(lastSpace + 1)..]);
        var target = hasProtocol ? rest[..lastSpace].TrimEnd(' ') : rest;
        if (target.IsEmpty || IsProtocol(target))
        {
            draft.RawRequestLine = lineText ?? requestLine.ToString();
            return;
        }

        draft.Method ??= HttpToken.MethodString(method);
        draft.Target ??= target.ToString();
        draft.Shape = ShapeOf(method, target, hasProtocol);
    }

    /// <summary>The shape of a method and target that came without a request line (JSON events).</summary>
    public static RequestLineShape ShapeOf(ReadOnlySpan<char> method, ReadOnlySpan<char> target, bool hasProtocol)
    {
        if (method.Equals("CONNECT", StringComparison.OrdinalIgnoreCase))
        {
            return RequestLineShape.Connect;
        }

        if (target.Length > 0 && (target[0] == '/' || target is "*"))
        {
            return hasProtocol ? RequestLineShape.Normal : RequestLineShape.NoProtocol;
        }

        var schemeEnd = target.IndexOf("://", StringComparison.Ordinal);
        return schemeEnd > 0 && char.IsAsciiLetter(target[0])
            ? RequestLineShape.AbsoluteForm
            : RequestLineShape.Malformed;
    }

    private static bool IsProtocol(ReadOnlySpan<char> text) =>
        text.StartsWith("HTTP/", StringComparison.Ordinal)
        && text.Length is >= 6 and <= 8
        && char.IsAsciiDigit(text[5])
        && (text.Length == 6 || (text[6] == '.' && text.Length == 8 && char.IsAsciiDigit(text[7])));
}
