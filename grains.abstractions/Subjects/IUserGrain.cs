namespace Kwaf.Subjects;

/// <summary>The grain of one user id. Key: <c>u:</c> and the user id (see <see cref="SubjectKey"/>).</summary>
[Alias("kwaf.IUserGrain")]
public interface IUserGrain : ISubjectGrain;
