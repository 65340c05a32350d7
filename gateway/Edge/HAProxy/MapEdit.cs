namespace Kwaf.Gateway.Edge.HAProxy;

/// <summary>One change to one map key: add or replace its value (<see cref="Value"/> set) or delete it.</summary>
/// <param name="Key">The map key.</param>
/// <param name="Value">The new value, or null to delete the key.</param>
/// <param name="IsNew">Whether the key is absent from the map (added with <c>add map</c>, not <c>set map</c>).</param>
internal readonly record struct MapEdit(string Key, string? Value, bool IsNew);
