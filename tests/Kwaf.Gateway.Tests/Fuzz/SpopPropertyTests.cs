using System.Net;
using CsCheck;
using Kwaf.Gateway.Edge.Spoe;
using Kwaf.Gateway.Ingestion.Addresses;
using Kwaf.Gateway.Tests.Edge.Spoe;

namespace Kwaf.Gateway.Tests.Fuzz;

/// <summary>
/// The SPOP frame decoding of the SPOE agent (frame head, HAPROXY-HELLO, NOTIFY) on valid frames and their
/// mutations: a frame either decodes or is refused with <see cref="SpopProtocolException"/> carrying a status and a
/// reason, which the agent answers with a DISCONNECT; no other exception escapes. Valid NOTIFY frames give the
/// canonical key of the address they carry.
/// </summary>
public sealed class SpopPropertyTests
{
    private static readonly Gen<IPAddress> Address = Gen.OneOf(
        Gen.Select(Gen.Byte, Gen.Byte, static (a, b) => new IPAddress([203, 0, a, b])),
        Gen.Select(Gen.UShort, Gen.UShort, static (a, b) => IPAddress.Parse($"2001:db8::{a:x}:{b:x}")));

    private static readonly Gen<byte[]> Notify = Gen.Select(
        Gen.ULong, Gen.ULong, Address, EventGen.Text.Null(),
        static (stream, frame, ip, user) => TestFrames.Notify(stream, frame, ip.ToString(), user));

    private static readonly Gen<byte[]> Hello = Gen.Select(
        Gen.UInt, Gen.OneOfConst("2.0", "1.0", "", "2.0,3.1", "x"), Gen.OneOfConst("pipelining", "", "async"), Gen.Bool,
        static (size, versions, capabilities, health) => TestFrames.Hello(size, versions, capabilities, health));

    [Fact]
    public Task Decode_MutatedFrame_DecodesOrRefusedWithReason() =>
        Fuzz.SampleAsync(Fuzz.Mutated(Gen.OneOf(Notify, Hello)), static frame =>
        {
            try
            {
                Decode(frame.AsSpan(Math.Min(4, frame.Length)));
                return true;
            }
            catch (SpopProtocolException ex)
            {
                return !string.IsNullOrWhiteSpace(ex.Message);
            }
        }, 3000);

    [Fact]
    public Task Read_ValidNotify_GivesCanonicalKey() =>
        Fuzz.SampleAsync(Gen.Select(Address, EventGen.Text.Null()), static sample =>
        {
            var (ip, user) = sample;
            var frame = TestFrames.Notify(1, 1, ip.ToString(), user);
            var reader = new SpopReader(frame.AsSpan(4));
            SpopFrames.ReadHeader(ref reader);

            var request = SpoeCheckRequest.Read(ref reader);

            IpAddressCanonicalizer.TryCanonicalize(ip.ToString(), out var key, out _);
            return request.Found && request.CanonicalIp == key;
        }, 500);

    [Fact]
    public Task TryRead_WrittenVarint_ReadsBackTheSameValue() =>
        Fuzz.SampleAsync(Gen.ULong, static value =>
        {
            Span<byte> buffer = stackalloc byte[SpopVarint.MaxLength];
            var written = SpopVarint.Write(buffer, value);
            return SpopVarint.TryRead(buffer[..written], out var read, out var consumed)
                && read == value && consumed == written && written == SpopVarint.SizeOf(value);
        }, 2000);

    private static void Decode(ReadOnlySpan<byte> frame)
    {
        var reader = new SpopReader(frame);
        var header = SpopFrames.ReadHeader(ref reader);
        switch (header.Type)
        {
            case SpopFrameType.HaproxyHello:
                SpoeHello.Read(ref reader);
                break;
            case SpopFrameType.Notify:
                SpoeCheckRequest.Read(ref reader);
                break;
            default:
                break;
        }
    }
}
