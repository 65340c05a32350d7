using System.Globalization;
using System.Runtime.InteropServices;

namespace Kwaf.Bench.Load;

/// <summary>
/// What the kernel says about a process and the machine: CPU time from <c>/proc/PID/stat</c>, resident memory from
/// <c>/proc/PID/status</c>, the load average, and the CPU time of reaped children (for processes that exit).
/// </summary>
internal static partial class MachineStats
{
    // USER_HZ: the unit of utime and stime in /proc/PID/stat; 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100.0;

    private const int RusageChildren = -1;

    /// <summary>User plus system CPU seconds a live process has used so far.</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var user = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var system = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (user + system) / TicksPerSecond;
    }

    /// <summary>Resident set size (working set) of a live process, in bytes.</summary>
    public static long ResidentBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kib = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    /// <summary>The one-minute load average.</summary>
    public static double LoadAverage()
    {
        var text = File.ReadAllText("/proc/loadavg");
        return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>CPU seconds of every child process this process has waited for (exited and reaped).</summary>
    public static double ReapedChildrenCpuSeconds()
    {
        var usage = new Rusage();
        if (GetRusage(RusageChildren, ref usage) != 0)
        {
            throw new InvalidOperationException("getrusage(RUSAGE_CHILDREN) failed.");
        }

        return usage.UserSeconds + (usage.UserMicros / 1e6) + usage.SystemSeconds + (usage.SystemMicros / 1e6);
    }

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static partial int GetRusage(int who, ref Rusage usage);

    /// <summary>The head of struct rusage (two timevals), then room for the 14 longs that follow.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicros;
        public long SystemSeconds;
        public long SystemMicros;
        public long Rest0;
        public long Rest1;
        public long Rest2;
        public long Rest3;
        public long Rest4;
        public long Rest5;
        public long Rest6;
        public long Rest7;
        public long Rest8;
        public long Rest9;
        public long Rest10;
        public long Rest11;
        public long Rest12;
        public long Rest13;
    }
}
