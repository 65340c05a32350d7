using Kwaf.Grains.Audit;
using Kwaf.Grains.Hosting;
using Kwaf.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace Kwaf.Grains.Subjects;

/// <summary>
/// What every subject grain of a silo uses and none owns: the policy, the persistence settings and store, the audit
/// sink, the slots and the tick schedule. One instance a silo, so that an activation holds one reference to them
/// rather than a field for each, which a million active subjects would hold a million times.
/// </summary>
internal sealed class SubjectServices
{
    private readonly IServiceProvider _services;
    private IGrainStorage? _storage;

    /// <summary>Resolves the shared parts; those a host may leave out fall back to inert ones.</summary>
    /// <param name="services">The silo's services.</param>
    public SubjectServices(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _services = services;
        Policy = services.GetRequiredService<SubjectPolicy>();
        Persistence = services.GetRequiredService<IOptions<PersistenceOptions>>().Value;
        Copier = services.GetRequiredService<DeepCopier<SubjectState>>();
        Schedule = services.GetRequiredService<SubjectTickSchedule>();
        Slots = services.GetService<ActiveSubjects>() ?? ActiveSubjects.Unlimited;
        Audit = services.GetService<IAuditSink>() ?? NullAuditSink.Instance;
        IdleEviction = services.GetService<IOptions<KwafGrainLifetimeOptions>>()?.Value.IdleDeactivation;
        Writes = new StateWriteSettings(
            KwafStorageNames.Subjects,
            services.GetService<StorageHealth>() ?? StorageHealth.Detached,
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            Persistence.WriteTimeout,
            Persistence.WriteInterval,
            Persistence.MaxRetryBackoff);
    }

    /// <summary>The policy: counters, detectors, scores and decisions.</summary>
    public SubjectPolicy Policy { get; }

    /// <summary>When and how subject state is written.</summary>
    public PersistenceOptions Persistence { get; }

    /// <summary>Copies the state handed to the store.</summary>
    public DeepCopier<SubjectState> Copier { get; }

    /// <summary>The silo's tick schedule.</summary>
    public SubjectTickSchedule Schedule { get; }

    /// <summary>The cap on active subjects.</summary>
    public ActiveSubjects Slots { get; }

    /// <summary>Where rating transitions and decisions are recorded.</summary>
    public IAuditSink Audit { get; }

    /// <summary>How long a subject without events stays in memory; null to leave it to Orleans.</summary>
    public TimeSpan? IdleEviction { get; }

    /// <summary>The settings every subject's <see cref="BoundedStateWriter"/> shares.</summary>
    public StateWriteSettings Writes { get; }

    /// <summary>The <c>subjects</c> grain storage; resolved on first use, as only a silo has it.</summary>
    public IGrainStorage Storage =>
        _storage ??= _services.GetRequiredKeyedService<IGrainStorage>(KwafStorageNames.Subjects);
}
