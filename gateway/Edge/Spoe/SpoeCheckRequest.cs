using System.Globalization;
using System.Net;
using System.Text;
using Kwaf.Gateway.Decisions;
using Kwaf.Gateway.Ingestion.Addresses;

namespace Kwaf.Gateway.Edge.Spoe;

/// <summary>
/// The client a NOTIFY frame asks about: the <c>kwaf-check</c> message with the arguments <c>ip</c> (an IPv4 or IPv6
/// value, or a string) and <c>user</c> (a string; absent, null or empty for an anonymous request). Other messages
/// and arguments are read past and ignored.
/// </summary>
/// <param name="Found">Whether the frame held a kwaf-check message.</param>
/// <param name="CanonicalIp">The client IP in kwaf's canonical form, or null when absent or not an address.</param>
/// <param name="UserId">The normalized user id, or null.</param>
internal readonly record struct SpoeCheckRequest(bool Found, string? CanonicalIp, string? UserId)
{
    /// <summary>The message name the SPOE configuration sends.</summary>
    public const string MessageName = "kwaf-check";

    /// <summary>Reads the LIST-OF-MESSAGES payload of a NOTIFY frame.</summary>
    public static SpoeCheckRequest Read(ref SpopReader reader)
    {
        var request = default(SpoeCheckRequest);
        while (!reader.End)
        {
            var message = reader.ReadString();
            var argumentCount = reader.ReadByte();
            var isCheck = message.SequenceEqual("kwaf-check"u8);
            for (var index = 0; index < argumentCount; index++)
            {
                var name = reader.ReadString();
                var value = reader.ReadValue();
                if (!isCheck)
                {
                    continue;
                }

                if (name.SequenceEqual("ip"u8))
                {
                    request = request with { CanonicalIp = ReadIp(value) };
                }
                else if (name.SequenceEqual("user"u8))
                {
                    request = request with { UserId = ReadUser(value) };
                }
            }

            request = request with { Found = request.Found || isCheck };
        }

        return request;
    }

    private static string? ReadIp(SpopValue value) => value.Type switch
    {
        SpopDataType.Ipv4 => FormatIpv4(value.Bytes),
        SpopDataType.Ipv6 => Canonical(new IPAddress(value.Bytes).ToString()),
        SpopDataType.String => Canonical(Encoding.UTF8.GetString(value.Bytes)),
        _ => null,
    };

    private static string FormatIpv4(ReadOnlySpan<byte> bytes)
    {
        // The common case builds the canonical dotted quad straight from the four bytes: one string, no parsing.
        Span<char> text = stackalloc char[15];
        var length = 0;
        for (var index = 0; index < 4; index++)
        {
            if (index > 0)
            {
                text[length++] = '.';
            }

            bytes[index].TryFormat(text[length..], out var written, provider: CultureInfo.InvariantCulture);
            length += written;
        }

        return new string(text[..length]);
    }

    private static string? Canonical(string text) =>
        IpAddressCanonicalizer.TryCanonicalize(text, out var canonical, out _) ? canonical : null;

    private static string? ReadUser(SpopValue value) =>
        value.Type is SpopDataType.String or SpopDataType.Binary && !value.Bytes.IsEmpty
            ? ClientCheck.NormalizeUser(Encoding.UTF8.GetString(value.Bytes))
            : null;
}
