namespace Kwaf.Subjects;

/// <summary>What a rated subject is.</summary>
public enum SubjectKind
{
    /// <summary>A client IP address.</summary>
    Ip = 0,

    /// <summary>A user id reported by the proxy.</summary>
    User = 1,
}
