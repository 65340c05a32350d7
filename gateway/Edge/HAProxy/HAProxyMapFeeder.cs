namespace Kwaf.Gateway.Edge.HAProxy;

/// <summary>
/// Keeps the maps of one HAProxy equal to the wanted contents. It remembers what it last wrote and which HAProxy
/// process it wrote to; each round it asks HAProxy who it is (<c>show info</c>: process id and start time). A new
/// process (a reload or a restart loads the map files from disk and loses everything pushed) or an unknown state (a
/// failed or interrupted round, a new kwaf process) gets a full load, which replaces both maps atomically
/// (<c>prepare map</c>, bulk <c>add map</c>, <c>commit map</c>): entries that kwaf no longer wants vanish with it, and
/// requests never see a half-filled map. Otherwise only the differences are sent. Not thread-safe: one loop owns it.
/// The stick tables of timed bans follow the same rounds: a full load clears both and sets every entry in the same
/// pipelined batch (a table has no atomic replacement, so for that instant a table ban is missing), otherwise
/// changed entries are set and lifted ones cleared. In every batch additions come before deletions, so that a ban
/// moving between a map and a table is never absent in between.
/// </summary>
internal sealed class HAProxyMapFeeder
{
    private static readonly Dictionary<string, string> Nothing = new(StringComparer.Ordinal);
    private readonly HAProxyOptions _options;
    private readonly TimeProvider _time;
    private IReadOnlyDictionary<string, string> _heldIps = Nothing;
    private IReadOnlyDictionary<string, string> _heldUsers = Nothing;
    private IReadOnlyDictionary<string, string> _heldBlocks = Nothing;
    private IReadOnlyDictionary<string, string> _heldThrottles = Nothing;

    // The HAProxy process the held maps belong to; null when they are unknown and the next round must load in full.
    private string? _process;

    public HAProxyMapFeeder(RuntimeApiEndpoint endpoint, HAProxyOptions options, TimeProvider time)
    {
        Endpoint = endpoint;
        _options = options;
        _time = time;
    }

    public RuntimeApiEndpoint Endpoint { get; }

    /// <summary>Brings HAProxy's maps to <paramref name="wanted"/>; throws if HAProxy fails or refuses.</summary>
    public async Task<FeedResult> FeedAsync(HAProxyMapContents wanted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        await using var session = await RuntimeApiSession
            .OpenAsync(Endpoint, _options.ConnectTimeout, _time, cancellationToken)
            .ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(_options.CommandTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await FeedAsync(session, wanted, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            _process = null;
            throw new TimeoutException($"HAProxy at {Endpoint} did not answer within {_options.CommandTimeout}.", ex);
        }
        catch
        {
            _process = null;
            throw;
        }
    }

    private async Task<FeedResult> FeedAsync(
        RuntimeApiSession session,
        HAProxyMapContents wanted,
        CancellationToken cancellationToken)
    {
        var info = await session.ExecuteAsync([RuntimeApiCommands.ShowInfo], cancellationToken).ConfigureAwait(false);
        var process = ProcessIdentity(info[0]);
        if (!string.Equals(process, _process, StringComparison.Ordinal))
        {
            var reason = _process is null ? "first load or after a failure" : $"process changed from {_process}";
            _process = null;
            await LoadAllAsync(session, wanted, cancellationToken).ConfigureAwait(false);
            _process = process;
            var entries = wanted.Ips.Count + wanted.Users.Count + wanted.Blocks.Count + wanted.Throttles.Count;
            return new FeedResult(FullLoad: true, entries, process, reason);
        }

        var ipEdits = MapDiff.Compute(_heldIps, wanted.Ips);
        var userEdits = MapDiff.Compute(_heldUsers, wanted.Users);
        var blockEdits = MapDiff.Compute(_heldBlocks, wanted.Blocks);
        var throttleEdits = MapDiff.Compute(_heldThrottles, wanted.Throttles);
        var count = ipEdits.Count + userEdits.Count + blockEdits.Count + throttleEdits.Count;
        if (count > 0)
        {
            // Unknown until HAProxy confirms every edit: a failure part-way leaves the maps between two states.
            _process = null;
            var commands = new List<string>(count);
            foreach (var deletions in new[] { false, true })
            {
                commands.AddRange(ipEdits.Where(edit => (edit.Value is null) == deletions)
                    .Select(edit => RuntimeApiCommands.For(_options.IpMap, edit)));
                commands.AddRange(userEdits.Where(edit => (edit.Value is null) == deletions)
                    .Select(edit => RuntimeApiCommands.For(_options.UserMap, edit)));
                commands.AddRange(blockEdits.Where(edit => (edit.Value is null) == deletions)
                    .Select(edit => RuntimeApiCommands.ForTable(_options.BlockTable, edit)));
                commands.AddRange(throttleEdits.Where(edit => (edit.Value is null) == deletions)
                    .Select(edit => RuntimeApiCommands.ForTable(_options.ThrottleTable, edit)));
            }

            await RunAllAsync(session, commands, cancellationToken).ConfigureAwait(false);
            Hold(wanted);
            _process = process;
        }

        return new FeedResult(FullLoad: false, count, process, Reason: null);
    }

    private async Task LoadAllAsync(
        RuntimeApiSession session,
        HAProxyMapContents wanted,
        CancellationToken cancellationToken)
    {
        var prepared = await session
            .ExecuteAsync(
                [RuntimeApiCommands.Prepare(_options.IpMap), RuntimeApiCommands.Prepare(_options.UserMap)],
                cancellationToken)
            .ConfigureAwait(false);
        var ipVersion = NewVersion(prepared[0], _options.IpMap);
        var userVersion = NewVersion(prepared[1], _options.UserMap);
        var commands = RuntimeApiCommands.AddAll(_options.IpMap, ipVersion, wanted.Ips);
        commands.AddRange(RuntimeApiCommands.AddAll(_options.UserMap, userVersion, wanted.Users));
        if (_options.UsesTables)
        {
            commands.AddRange(RuntimeApiCommands.LoadTable(_options.BlockTable, wanted.Blocks));
            commands.AddRange(RuntimeApiCommands.LoadTable(_options.ThrottleTable, wanted.Throttles));
        }

        commands.Add(RuntimeApiCommands.Commit(_options.IpMap, ipVersion));
        commands.Add(RuntimeApiCommands.Commit(_options.UserMap, userVersion));
        await RunAllAsync(session, commands, cancellationToken).ConfigureAwait(false);
        Hold(wanted);
    }

    private void Hold(HAProxyMapContents wanted)
    {
        _heldIps = wanted.Ips;
        _heldUsers = wanted.Users;
        _heldBlocks = wanted.Blocks;
        _heldThrottles = wanted.Throttles;
    }

    /// <summary>Runs commands whose success is an empty answer; throws naming the first refused one.</summary>
    private async Task RunAllAsync(
        RuntimeApiSession session,
        List<string> commands,
        CancellationToken cancellationToken)
    {
        var answers = await session.ExecuteAsync(commands, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < answers.Count; i++)
        {
            if (answers[i].Length > 0)
            {
                var command = commands[i];
                var firstLine = command.IndexOf('\n', StringComparison.Ordinal) is var end and >= 0
                    ? command[..end]
                    : command;
                throw new RuntimeApiException(
                    $"HAProxy at {Endpoint} refused '{firstLine}': {answers[i]}");
            }
        }
    }

    private string NewVersion(string answer, string map)
    {
        // "New version created: 3"
        const string Lead = "New version created:";
        if (!answer.StartsWith(Lead, StringComparison.Ordinal)
            || !uint.TryParse(answer.AsSpan(Lead.Length).Trim(), out var version))
        {
            throw new RuntimeApiException(
                $"HAProxy at {Endpoint} gave no new version of map {map} (is it named so in haproxy.cfg?): {answer}");
        }

        return version.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>"pid 1234 started 1796414823" from a <c>show info</c> answer; a reload or restart changes it.</summary>
    private string ProcessIdentity(string info)
    {
        string? pid = null;
        string? started = null;
        foreach (var line in info.Split('\n'))
        {
            if (line.StartsWith("Pid: ", StringComparison.Ordinal))
            {
                pid = line[5..].Trim();
            }
            else if (line.StartsWith("Start_time_sec: ", StringComparison.Ordinal))
            {
                started = line[16..].Trim();
            }
        }

        if (pid is null)
        {
            throw new RuntimeApiException($"HAProxy at {Endpoint} answered 'show info' without a Pid line.");
        }

        return $"pid {pid} started {started ?? "?"}";
    }
}
