using System.Threading.Channels;
using Kwaf.Grains.Audit;

namespace Kwaf.Grains.Tests.Audit;

/// <summary>
/// An audit store that keeps every batch it is given and fails while <see cref="Failing"/> is set. Each attempt is
/// announced on <see cref="Attempts"/> so tests wait for it instead of sleeping.
/// </summary>
internal sealed class RecordingAuditStore : IAuditStore
{
    private readonly Channel<int> _attempts = Channel.CreateUnbounded<int>();
    private readonly List<IReadOnlyList<AuditRecord>> _batches = [];
    private readonly Lock _lock = new();

    public volatile bool Failing;

    /// <summary>The size of each attempted batch, failed or not, in order.</summary>
    public ChannelReader<int> Attempts => _attempts.Reader;

    public IReadOnlyList<IReadOnlyList<AuditRecord>> Batches
    {
        get
        {
            lock (_lock)
            {
                return [.. _batches];
            }
        }
    }

    public Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        try
        {
            if (Failing)
            {
                throw new InvalidOperationException("The recording audit store is failing on purpose.");
            }

            lock (_lock)
            {
                _batches.Add([.. records]);
            }

            return Task.CompletedTask;
        }
        finally
        {
            _attempts.Writer.TryWrite(records.Count);
        }
    }
}
