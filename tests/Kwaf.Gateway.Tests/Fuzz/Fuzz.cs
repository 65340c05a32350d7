using System.Diagnostics;
using System.Text;
using CsCheck;

namespace Kwaf.Gateway.Tests.Fuzz;

/// <summary>
/// Runs property samples with two guards against hangs: every case must finish within <see cref="CaseBudget"/>
/// (generous for a loaded machine: cases take microseconds), and a whole sample runs on a worker that the test
/// stops waiting for after <see cref="SampleBudget"/>, so that an endless loop fails the test instead of stalling
/// the run. Also holds the byte mutations the generators share.
/// </summary>
internal static class Fuzz
{
    public static readonly TimeSpan CaseBudget = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan SampleBudget = TimeSpan.FromSeconds(90);

    public static Task SampleAsync<T>(Gen<T> gen, Func<T, bool> property, int iterations) =>
        Task.Run(() => gen.Sample(value => Timed(() => property(value)), iter: iterations))
            .WaitAsync(SampleBudget);

    /// <summary>Applies up to four random edits (flip, insert, delete, truncate, repeat) to valid input.</summary>
    public static Gen<byte[]> Mutated(Gen<byte[]> valid) =>
        Gen.Select(valid, Gen.Select(Gen.Int[0, 5], Gen.Int[0, int.MaxValue], Gen.Byte).Array[0, 4], Apply);

    /// <summary>Mutated UTF-8 of valid text, and sometimes the text itself.</summary>
    public static Gen<byte[]> Mutated(Gen<string> valid) =>
        Mutated(valid.Select(static text => Encoding.UTF8.GetBytes(text)));

    /// <summary>Text just around a limit, or short, or long: the lengths where off-by-one faults hide.</summary>
    public static Gen<string> AroundLimit(int limit, char fill) =>
        Gen.Int[-2, 2].Select(delta => new string(fill, Math.Max(0, limit + delta)));

    private static bool Timed(Func<bool> property)
    {
        var started = Stopwatch.GetTimestamp();
        var ok = property();
        var elapsed = Stopwatch.GetElapsedTime(started);
        return elapsed <= CaseBudget
            ? ok
            : throw new TimeoutException($"one case took {elapsed}, more than the budget of {CaseBudget}");
    }

    private static byte[] Apply(byte[] input, (int Op, int At, byte Value)[] edits)
    {
        var bytes = new List<byte>(input);
        foreach (var (op, at, value) in edits)
        {
            var index = bytes.Count == 0 ? 0 : at % bytes.Count;
            switch (op)
            {
                case 1 when bytes.Count > 0: bytes[index] = value; break;
                case 2: bytes.Insert(index, value); break;
                case 3 when bytes.Count > 0: bytes.RemoveAt(index); break;
                case 4: bytes.RemoveRange(index, bytes.Count - index); break;
                case 5 when bytes.Count > 0:
                    bytes.InsertRange(index, bytes.GetRange(index, Math.Min(16, bytes.Count - index)));
                    break;
                default: break;
            }
        }

        return [.. bytes];
    }
}
