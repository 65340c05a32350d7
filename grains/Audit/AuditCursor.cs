using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Kwaf.Grains.Audit;

/// <summary>
/// Where a newest-first page ended: the instant and sequence of its last record. Opaque to clients (base64url).
/// Records are ordered by (At, Sequence) descending, so the next page starts strictly below the cursor.
/// </summary>
/// <param name="AtUnixMicroseconds">The last record's time, in microseconds since the Unix epoch (the precision
/// every store keeps).</param>
/// <param name="Sequence">The last record's sequence.</param>
internal readonly record struct AuditCursor(long AtUnixMicroseconds, long Sequence)
{
    /// <summary>The cursor after <paramref name="record"/>.</summary>
    public static AuditCursor After(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new AuditCursor(ToUnixMicroseconds(record.At), record.Sequence);
    }

    /// <summary>Microseconds since the Unix epoch.</summary>
    public static long ToUnixMicroseconds(DateTimeOffset at) =>
        (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    /// <summary>The instant of <paramref name="unixMicroseconds"/>, in UTC.</summary>
    public static DateTimeOffset FromUnixMicroseconds(long unixMicroseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks(unixMicroseconds * TimeSpan.TicksPerMicrosecond);

    /// <summary>Parses a cursor made by <see cref="Encode"/>.</summary>
    public static bool TryDecode(string text, out AuditCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > 64 || !Base64Url.IsValid(text))
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('.');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var at)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return false;
        }

        cursor = new AuditCursor(at, sequence);
        return true;
    }

    /// <summary>The opaque text form.</summary>
    public string Encode() => Base64Url.EncodeToString(
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{AtUnixMicroseconds}.{Sequence}")));

    /// <summary>Whether <paramref name="record"/> comes after this cursor in newest-first order.</summary>
    public bool Precedes(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var at = ToUnixMicroseconds(record.At);
        return at < AtUnixMicroseconds || (at == AtUnixMicroseconds && record.Sequence < Sequence);
    }
}
