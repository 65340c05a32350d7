namespace Kwaf.Subjects;

/// <summary>
/// The grain of one client IP. Key: <c>ip:</c> and the canonical address (see <see cref="SubjectKey"/>).
/// </summary>
[Alias("kwaf.IClientIpGrain")]
public interface IClientIpGrain : ISubjectGrain;
