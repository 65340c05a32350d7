namespace Kwaf.Grains.Audit;

/// <summary>One signal behind a decision or a level change, with the points it carried at that moment.</summary>
/// <param name="Name">The signal name, for example <c>probing</c>.</param>
/// <param name="Points">Its points, rounded to two decimals.</param>
internal sealed record AuditSignal(string Name, double Points);
