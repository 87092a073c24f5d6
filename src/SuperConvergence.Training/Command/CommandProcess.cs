using System.Diagnostics;
using System.Threading.Channels;
using SuperConvergence.Core.Trials.Command;

namespace SuperConvergence.Training.Command;

/// <summary>
/// A command trainer's program, running: started through <c>setsid</c> so it leads a process group of its own
/// (stopping it stops its children too), its stdout read as lines into a small queue (a program that floods it waits
/// on the pipe), the last lines of its stderr kept for the failure message, and its stdin held open, carrying nothing:
/// it reaches end-of-file when the worker is gone, however it went. Disposing stops whatever still runs: SIGTERM to
/// the group, then SIGKILL once the grace period has passed.
/// </summary>
internal sealed class CommandProcess : IAsyncDisposable
{
    /// <summary>The stderr lines a failure message carries, and the characters kept of each.</summary>
    private const int StderrLinesKept = 5;
    private const int StderrLineCharacters = 300;

    private readonly Process _process;
    private readonly bool _ownGroup;
    private readonly TimeSpan _stopGrace;
    private readonly Channel<ProgramLine> _lines = Channel.CreateBounded<ProgramLine>(new BoundedChannelOptions(64) { SingleReader = true, SingleWriter = true });
    private readonly Queue<string> _stderrTail = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _stdout;
    private readonly Task _stderr;

    private CommandProcess(Process process, bool ownGroup, TimeSpan stopGrace)
    {
        _process = process;
        _ownGroup = ownGroup;
        _stopGrace = stopGrace;
        _stdout = Task.Run(PumpStdoutAsync, CancellationToken.None);
        _stderr = Task.Run(PumpStderrAsync, CancellationToken.None);
    }

    public int Id => _process.Id;

    /// <summary>Starts <paramref name="run"/> (no shell) with <paramref name="environment"/> added to this process's.</summary>
    public static CommandProcess Start(IReadOnlyList<string> run, IReadOnlyDictionary<string, string> environment, TimeSpan stopGrace)
    {
        var setsid = ProgramPath.Find("setsid");
        var start = new ProcessStartInfo(setsid ?? run[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in setsid is null ? run.Skip(1) : run)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        // Python buffers a pipe's output in blocks: each line must reach the worker when it is printed. An operator's
        // own setting, inherited with the rest of the environment, stands.
        start.Environment.TryAdd("PYTHONUNBUFFERED", "1");

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {run[0]}");
        return new CommandProcess(process, ownGroup: setsid is not null, stopGrace);
    }

    /// <summary>
    /// The next non-blank stdout line, or null once stdout has ended. Throws <see cref="TimeoutException"/> when none
    /// comes within <paramref name="timeout"/>, and <see cref="CommandProtocolException"/> for a line past the limit.
    /// </summary>
    public async Task<ProgramLine?> ReadLineAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, clock);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await _lines.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false) && _lines.Reader.TryRead(out var line) ? line : null;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException();
        }
    }

    /// <summary>The exit code once the program has exited; <see cref="TimeoutException"/> when it has not within <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, clock);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            return _process.ExitCode;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException();
        }
    }

    /// <summary>
    /// The program's last stderr lines, one line joined by " | ", once it has ended (stopped first when it still runs,
    /// so a traceback printed on the way out is in them); "(empty)" when it printed none.
    /// </summary>
    public async Task<string> StderrTailAsync()
    {
        await StopAsync().ConfigureAwait(false);

        // A grandchild may hold stderr open after the program is gone: what has arrived by then is what there is.
        await Task.WhenAny(_stderr, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        lock (_stderrTail)
        {
            return _stderrTail.Count == 0 ? "(empty)" : string.Join(" | ", _stderrTail);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _closing.CancelAsync().ConfigureAwait(false);
        await Task.WhenAny(Task.WhenAll(_stdout, _stderr), Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program is gone; so is its end of the pipe.
        }

        _process.Dispose();
        _closing.Dispose();
    }

    /// <summary>SIGTERM to the program's group, then SIGKILL to whatever is left after the grace period.</summary>
    private async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        Signal(ProcessGroupSignals.Terminate);
        using var grace = new CancellationTokenSource(_stopGrace);
        try
        {
            await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException)
        {
            // It did not stop when asked: it is stopped.
        }

        Signal(ProcessGroupSignals.Kill);
        await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private void Signal(int signal)
    {
        if (_ownGroup && ProcessGroupSignals.Send(_process.Id, signal))
        {
            return;
        }

        if (signal == ProcessGroupSignals.Kill)
        {
            _process.Kill(entireProcessTree: true);
        }
        else if (!_ownGroup)
        {
            // Without setsid there is no group to signal, and .NET sends nothing gentler than SIGKILL.
            ProcessGroupSignals.SendToProcess(_process.Id, signal);
        }
    }

    private async Task PumpStdoutAsync()
    {
        var reader = new BoundedLineReader(_process.StandardOutput, CommandOutput.MaxLineCharacters);
        var number = 0;
        Exception? failure = null;
        try
        {
            while (await reader.ReadAsync(_closing.Token).ConfigureAwait(false) is { } line)
            {
                number++;
                if (line.Truncated)
                {
                    failure = new CommandProtocolException(
                        $"stdout line {number}: '{CommandOutput.Shown(line.Text)}' is longer than the limit of {CommandOutput.MaxLineCharacters} characters");
                    break;
                }

                if (!string.IsNullOrWhiteSpace(line.Text))
                {
                    await _lines.Writer.WriteAsync(new ProgramLine(number, line.Text), _closing.Token).ConfigureAwait(false);
                }
            }
        }
        catch (IOException e)
        {
            failure = new CommandProtocolException($"stdout could not be read: {e.Message}");
        }
        catch (OperationCanceledException)
        {
            // Disposed: nobody reads on.
        }

        _lines.Writer.TryComplete(failure);
    }

    private async Task PumpStderrAsync()
    {
        var reader = new BoundedLineReader(_process.StandardError, StderrLineCharacters);
        try
        {
            while (await reader.ReadAsync(_closing.Token).ConfigureAwait(false) is { } line)
            {
                if (string.IsNullOrWhiteSpace(line.Text))
                {
                    continue;
                }

                lock (_stderrTail)
                {
                    _stderrTail.Enqueue(line.Truncated ? line.Text + "…" : line.Text);
                    if (_stderrTail.Count > StderrLinesKept)
                    {
                        _stderrTail.Dequeue();
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The pipe broke, or the program is disposed: the tail holds what came before.
        }
    }
}
