using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Kwaf.Grains.Storage;

/// <summary>Wraps a named grain storage in another, for the SQLite and PostgreSQL configurations alike.</summary>
internal static class GrainStorageServiceCollectionExtensions
{
    /// <summary>Replaces the storage registered under <paramref name="name"/> by <paramref name="wrap"/> of it.
    /// </summary>
    /// <remarks>Orleans registers a named storage as a keyed singleton built by a factory, and resolves its lifecycle
    /// participant through the same key, so a wrapper forwards the lifecycle.</remarks>
    /// <exception cref="InvalidOperationException">No storage is registered under the name by a keyed factory.
    /// </exception>
    public static IServiceCollection DecorateGrainStorage(
        this IServiceCollection services,
        string name,
        Func<IServiceProvider, IGrainStorage, IGrainStorage> wrap)
    {
        var registered = services.LastOrDefault(descriptor =>
            descriptor.IsKeyedService
            && descriptor.ServiceType == typeof(IGrainStorage)
            && Equals(descriptor.ServiceKey, name));
        var factory = registered?.KeyedImplementationFactory
            ?? throw new InvalidOperationException(
                $"Grain storage '{name}' is not registered as a keyed factory; "
                + "expected AddAdoNetGrainStorage to register it so.");
        services.Remove(registered);
        services.AddKeyedSingleton<IGrainStorage>(
            name,
            (provider, key) => wrap(provider, (IGrainStorage)factory(provider, key)));
        return services;
    }
}
