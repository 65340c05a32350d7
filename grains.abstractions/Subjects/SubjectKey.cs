using System.Diagnostics.CodeAnalysis;

namespace Kwaf.Subjects;

/// <summary>
/// The one place where grain keys are built and parsed. A key is a kind prefix and the subject id:
/// <c>ip:203.0.113.9</c>, <c>ip:2001:db8::1</c>, <c>u:alice</c>. The prefix also keeps Orleans from reading a
/// hex-looking id as an integer key.
/// </summary>
/// <param name="Kind">The subject's kind.</param>
/// <param name="Id">The canonical IP address or the user id.</param>
[GenerateSerializer]
[Immutable]
[Alias("kwaf.SubjectKey")]
public readonly record struct SubjectKey([property: Id(0)] SubjectKind Kind, [property: Id(1)] string Id)
{
    private const string IpPrefix = "ip:";
    private const string UserPrefix = "u:";

    /// <summary>Creates the key of a client IP; <paramref name="canonicalIp"/> must already be canonical.</summary>
    /// <param name="canonicalIp">The canonical address.</param>
    /// <returns>The key.</returns>
    public static SubjectKey ForIp(string canonicalIp) => new(SubjectKind.Ip, canonicalIp);

    /// <summary>Creates the key of a user.</summary>
    /// <param name="userId">The user id, not empty.</param>
    /// <returns>The key.</returns>
    public static SubjectKey ForUser(string userId) => new(SubjectKind.User, userId);

    /// <summary>Formats the key as the grain key string.</summary>
    /// <returns>The grain key, for example <c>ip:203.0.113.9</c>.</returns>
    public string ToGrainKey() => (Kind == SubjectKind.Ip ? IpPrefix : UserPrefix) + Id;

    /// <summary>Parses a grain key made by <see cref="ToGrainKey"/>.</summary>
    /// <param name="grainKey">The grain key.</param>
    /// <param name="key">The parsed key.</param>
    /// <returns>Whether the text was a valid key.</returns>
    public static bool TryParse(string grainKey, [NotNullWhen(true)] out SubjectKey? key)
    {
        ArgumentNullException.ThrowIfNull(grainKey);
        if (grainKey.StartsWith(IpPrefix, StringComparison.Ordinal) && grainKey.Length > IpPrefix.Length)
        {
            key = ForIp(grainKey[IpPrefix.Length..]);
            return true;
        }

        if (grainKey.StartsWith(UserPrefix, StringComparison.Ordinal) && grainKey.Length > UserPrefix.Length)
        {
            key = ForUser(grainKey[UserPrefix.Length..]);
            return true;
        }

        key = null;
        return false;
    }

    /// <summary>The kind as the API names it: <c>ip</c> or <c>user</c>.</summary>
    public string KindName => Kind == SubjectKind.Ip ? "ip" : "user";

    /// <inheritdoc />
    public override string ToString() => ToGrainKey();
}
