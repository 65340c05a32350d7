using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Kwaf.Decisions;
using Kwaf.Index;
using Kwaf.Ratings;

namespace Kwaf.Grains.Index;

/// <summary>
/// The opaque page cursor: base64url of <c>score|kind|id</c> of the last entry returned. It names a position in the
/// page order rather than an offset, so entries added or removed before it do not shift the next page.
/// </summary>
internal static class RiskIndexCursor
{
    public static string Encode(RiskIndexEntry last)
    {
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{last.Score.ToString("R", CultureInfo.InvariantCulture)}|{last.Kind}|{last.Id}");
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Decodes a cursor into a probe entry holding only the sort key; ArgumentException if malformed.
    /// </summary>
    public static RiskIndexEntry Decode(string cursor)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException exception)
        {
            throw new ArgumentException("Risk index cursor is not one this index returned.", nameof(cursor), exception);
        }

        var first = text.IndexOf('|', StringComparison.Ordinal);
        var second = first < 0 ? -1 : text.IndexOf('|', first + 1);
        if (second < 0
            || !double.TryParse(text.AsSpan(0, first), NumberStyles.Float, CultureInfo.InvariantCulture, out var score))
        {
            throw new ArgumentException("Risk index cursor is not one this index returned.", nameof(cursor));
        }

        var kind = text[(first + 1)..second];
        var id = text[(second + 1)..];
        return new RiskIndexEntry(kind, id, score, RiskLevel.Ok, DecisionKind.Allow, default);
    }
}
