using Kwaf.Subjects;

namespace Kwaf.Grains.Audit;

/// <summary>Turns decision targets and subject keys into the audit log's subject kind and id.</summary>
internal static class AuditTarget
{
    public const string Ip = "ip";
    public const string Cidr = "cidr";
    public const string User = "user";

    /// <summary>Splits a decision target (<c>ip:ADDR</c>, <c>cidr:NET/LEN</c>, <c>u:USER</c>).</summary>
    public static (string Kind, string Id) FromDecisionTarget(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.StartsWith("ip:", StringComparison.Ordinal))
        {
            return (Ip, target[3..]);
        }

        if (target.StartsWith("cidr:", StringComparison.Ordinal))
        {
            return (Cidr, target[5..]);
        }

        return target.StartsWith("u:", StringComparison.Ordinal) ? (User, target[2..]) : (Ip, target);
    }

    /// <summary>The kind and id of a subject grain; an IP subject whose id is a network is a <c>cidr</c>.</summary>
    public static (string Kind, string Id) FromSubject(SubjectKey key)
    {
        if (key.Kind == SubjectKind.User)
        {
            return (User, key.Id);
        }

        return (key.Id.Contains('/', StringComparison.Ordinal) ? Cidr : Ip, key.Id);
    }
}
