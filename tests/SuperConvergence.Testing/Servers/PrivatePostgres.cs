using System.Diagnostics;
using SuperConvergence.Testing.Network;
using Xunit;

namespace SuperConvergence.Testing.Servers;

/// <summary>
/// A PostgreSQL server of one test's own, which the test may restart or stop and start again: the fault tests cannot
/// do that to the shared server of ./test.sh, which other tests use at the same time. Made with the binaries ./test.sh
/// found (SC_TEST_PG_BINDIR), run as the user it runs PostgreSQL as when it is root (SC_TEST_PG_USER). Settings as the
/// shared server's: durable enough for the tests (every fault here is a server stop, not a machine crash).
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    public const string BinDirectoryVariable = "SC_TEST_PG_BINDIR";
    public const string UserVariable = "SC_TEST_PG_USER";

    private readonly string _binDirectory;
    private readonly string? _user;
    private readonly string _directory;
    private readonly int _port;
    private readonly string _address;

    private PrivatePostgres(string binDirectory, string? user, string directory, int port, string address)
    {
        _binDirectory = binDirectory;
        _user = user;
        _directory = directory;
        _port = port;
        _address = address;
    }

    /// <summary>The connection string of its postgres database.</summary>
    public string ConnectionString => $"Host={_address};Port={_port};Username=postgres;Database=postgres;Pooling=true";

    /// <summary>
    /// Creates and starts one; skips the calling test unless ./test.sh said where PostgreSQL's binaries are. By default
    /// it listens on loopback; <paramref name="address"/> makes it listen there instead, trusting clients of
    /// <paramref name="clientNetwork"/> (CIDR), for silos in other network namespaces.
    /// </summary>
    public static async Task<PrivatePostgres> StartAsync(CancellationToken cancellationToken, string address = "127.0.0.1", string? clientNetwork = null)
    {
        var binDirectory = Environment.GetEnvironmentVariable(BinDirectoryVariable);
        Assert.SkipWhen(string.IsNullOrWhiteSpace(binDirectory), $"needs PostgreSQL's binaries: {BinDirectoryVariable} is not set (./test.sh sets it)");
        var user = Environment.GetEnvironmentVariable(UserVariable);
        var directory = Directory.CreateTempSubdirectory("sc-private-postgres.").FullName;
        var server = new PrivatePostgres(binDirectory!, string.IsNullOrWhiteSpace(user) ? null : user, directory, FreePorts.Take(1)[0], address);
        if (server._user is not null)
        {
            await RunAsync("chown", [server._user, directory], cancellationToken);
        }

        await server.PgAsync("initdb", ["-D", server.DataDirectory, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"], cancellationToken);
        if (clientNetwork is not null)
        {
            await File.AppendAllTextAsync(Path.Combine(server.DataDirectory, "pg_hba.conf"), $"host all all {clientNetwork} trust\n", cancellationToken);
        }

        await server.StartServerAsync(cancellationToken);
        return server;
    }

    /// <summary>`pg_ctl restart -m fast`: every connection is terminated (57P01), the server is back when this returns.</summary>
    public Task RestartAsync(CancellationToken cancellationToken) =>
        PgCtlAsync(["restart", "-m", "fast", "-w", "-t", "60", "-o", ServerOptions], cancellationToken);

    /// <summary>`pg_ctl stop -m fast`: connections terminated, nothing listens until <see cref="StartServerAsync"/>.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => PgCtlAsync(["stop", "-m", "fast", "-w", "-t", "60"], cancellationToken);

    public Task StartServerAsync(CancellationToken cancellationToken) =>
        PgCtlAsync(["start", "-w", "-t", "60", "-l", Path.Combine(_directory, "server.log"), "-o", ServerOptions], cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await PgCtlAsync(["stop", "-m", "immediate", "-w", "-t", "30"], CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_directory, recursive: true);
    }

    private string DataDirectory => Path.Combine(_directory, "data");

    private string ServerOptions =>
        $"-p {_port} -k {_directory} -c listen_addresses={_address} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";

    private Task PgCtlAsync(string[] arguments, CancellationToken cancellationToken) =>
        PgAsync("pg_ctl", ["-D", DataDirectory, .. arguments], cancellationToken);

    private Task PgAsync(string program, string[] arguments, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_binDirectory, program);
        return _user is null
            ? RunAsync(path, arguments, cancellationToken)
            : RunAsync("runuser", ["-u", _user, "--", path, .. arguments], cancellationToken);
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }
}
