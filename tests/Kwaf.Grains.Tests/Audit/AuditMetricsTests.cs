using System.Diagnostics.Metrics;
using Kwaf.Grains.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kwaf.Grains.Tests.Audit;

public sealed class AuditMetricsTests
{
    [Fact]
    public void Dropped_BufferOverflowed_ReportsDropCountAndPending()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var counters = new AuditCounters();
        var buffer = new AuditBuffer(
            AuditTestData.Options(capacity: 100),
            counters,
            new FakeTimeProvider(),
            new RecordingLogger<AuditBuffer>());
        _ = new AuditMetrics(factory, counters, buffer);
        for (var i = 0; i < 107; i++)
        {
            buffer.TryRecord(AuditTestData.Decision("198.51.100.23", i));
        }

        var observed = Observe(factory);

        Assert.Equal(7, observed["kwaf.audit.dropped"]);
        Assert.Equal(100, observed["kwaf.audit.pending"]);
        Assert.Equal(0, observed["kwaf.audit.written"]);
    }

    private static Dictionary<string, long> Observe(IMeterFactory factory)
    {
        var observed = new Dictionary<string, long>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == AuditMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => observed[instrument.Name] = value);
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => observed[instrument.Name] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return observed;
    }
}
