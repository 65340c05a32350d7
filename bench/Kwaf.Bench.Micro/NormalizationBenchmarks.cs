using BenchmarkDotNet.Attributes;
using Kwaf.Events;
using Kwaf.Gateway.ClientIp;
using Kwaf.Gateway.Ingestion;
using Kwaf.Gateway.Ingestion.Addresses;
using Kwaf.Gateway.Ingestion.Classification;
using Kwaf.Gateway.Ingestion.Paths;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kwaf.Bench.Micro;

/// <summary>The path normalizer, the IP canonicalizer and the whole per-event validation with classification.</summary>
[MemoryDiagnoser]
public class NormalizationBenchmarks
{
    private const int Count = 64;

    private readonly string[] _targets = new string[Count];
    private readonly string[] _ipv4 = new string[Count];
    private readonly string[] _ipv6 = new string[Count];
    private readonly EventDraft[] _drafts = new EventDraft[Count];
    private EventNormalizer? _normalizer;

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < Count; i++)
        {
            _targets[i] = SampleEvents.Target(i);
            _ipv4[i] = SampleEvents.Ip(i * 5);
            _ipv6[i] = "2001:0DB8:0000:0000:" + i.ToString("x4", System.Globalization.CultureInfo.InvariantCulture)
                + ":0000:0000:0001";
            _drafts[i] = new EventDraft
            {
                Time = SampleEvents.Start.AddSeconds(i),
                Ip = SampleEvents.Ip(i),
                UserId = SampleEvents.User(i),
                Method = "GET",
                Host = "shop.example",
                Target = SampleEvents.Target(i),
                Status = SampleEvents.Status(i),
                Bytes = 5120,
                UserAgent = SampleEvents.Agent(i),
            };
        }

        _normalizer = new EventNormalizer(
            new IngestionOptions(),
            new RequestClassifier(new ClassificationOptions()),
            new ClientIpResolver(
                new TrustedProxies([]),
                ForwardedHeaderKind.XForwardedFor,
                NullLogger<ClientIpResolver>.Instance));
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int PathNormalize()
    {
        var length = 0;
        foreach (var target in _targets)
        {
            length += PathNormalizer.Normalize(target, PathProfile.Unix).Path.Length;
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int IpCanonicalizeV4() => Canonicalize(_ipv4);

    [Benchmark(OperationsPerInvoke = Count)]
    public int IpCanonicalizeV6() => Canonicalize(_ipv6);

    /// <summary>Validation, canonical IP, path normalization, endpoint template and the regex classification.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public int NormalizeAndClassifyEvent()
    {
        var now = SampleEvents.Start.AddHours(1);
        var traits = RequestTraits.None;
        for (var i = 0; i < _drafts.Length; i++)
        {
            if (_normalizer!.TryNormalize(_drafts[i], i, now, out var evt, out _))
            {
                traits |= evt.Traits;
            }
        }

        return (int)traits;
    }

    private static int Canonicalize(string[] addresses)
    {
        var length = 0;
        foreach (var address in addresses)
        {
            if (IpAddressCanonicalizer.TryCanonicalize(address, out var canonical, out _))
            {
                length += canonical.Length;
            }
        }

        return length;
    }
}
