using System.Diagnostics;
using System.Text;

namespace SuperConvergence.Cli.Tests.Cluster;

/// <summary>
/// The real `sc` program in a child process (the one built beside these tests), its output kept for the failure
/// message. Killing it is a SIGKILL: no shutdown code of the silo runs; terminating it a SIGTERM, which runs it.
/// </summary>
internal sealed class ScProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _stdout = new();

    private ScProcess(Process process, string name)
    {
        _process = process;
        Name = name;
        process.OutputDataReceived += (_, e) => Append(e.Data, standardOutput: true);
        process.ErrorDataReceived += (_, e) => Append(e.Data, standardOutput: false);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static ScProcess Start(string name, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        StartIn(null, name, environment, arguments);

    /// <summary>Starts `sc` inside the network namespace <paramref name="networkNamespace"/> (`ip netns exec`), or in this one when null.</summary>
    public static ScProcess StartIn(string? networkNamespace, string name, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(networkNamespace is null ? "dotnet" : "ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (networkNamespace is not null)
        {
            foreach (var part in new[] { "netns", "exec", networkNamespace, "dotnet" })
            {
                start.ArgumentList.Add(part);
            }
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sc.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new ScProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start sc"), name);
    }

    /// <summary>Runs `sc` to its end and returns its exit code, standard output, and everything it printed.</summary>
    public static async Task<(int ExitCode, string StandardOutput, string AllOutput)> RunAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, params string[] arguments)
    {
        await using var process = Start("sc", environment, arguments);
        await process._process.WaitForExitAsync(cancellationToken);
        process._process.WaitForExit();
        lock (process._output)
        {
            return (process._process.ExitCode, process._stdout.ToString(), process._output.ToString());
        }
    }

    /// <summary>What it wrote to stdout alone, so far.</summary>
    public string StandardOutput
    {
        get
        {
            lock (_output)
            {
                return _stdout.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// GETs <paramref name="url"/> (a silo's /readyz, or a pod's readiness probe) every 200 ms until it answers 2xx;
    /// throws with this process's output if it exits first or <paramref name="timeout"/> passes.
    /// </summary>
    public async Task WaitReadyAsync(string url, TimeSpan timeout, TimeSpan requestTimeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = requestTimeout };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (HasExited)
            {
                throw new InvalidOperationException($"{Name} exited:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow to answer while starting.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} not ready at {url}:\n{Output}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    public int Id => _process.Id;

    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Sends SIGTERM, as the kubelet does to a pod it stops (.NET's Process has no call for it).</summary>
    public void Terminate()
    {
        var start = new ProcessStartInfo("kill") { UseShellExecute = false };
        start.ArgumentList.Add("-TERM");
        start.ArgumentList.Add(Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var kill = Process.Start(start) ?? throw new InvalidOperationException("could not run kill");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {Id} failed with exit code {kill.ExitCode}");
        }
    }

    /// <summary>
    /// Waits for the process to end by itself and returns its exit code, its output all read; throws with its output
    /// when <paramref name="timeout"/> passes first.
    /// </summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name} still running after {timeout}:\n{Output}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Append(string? line, bool standardOutput)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            if (standardOutput)
            {
                _stdout.AppendLine(line);
            }
        }
    }
}
