using System.Net.Sockets;
using System.Reflection;
using Orleans.Runtime;

namespace SuperConvergence.Cli;

/// <summary>
/// The last resort for a failure no command turned into a <see cref="CliException"/>: one line of cause (the innermost
/// exception's message, which says what actually went wrong) and a hint chosen by what kind of failure it was, never a
/// stack trace.
/// </summary>
internal static class UnexpectedFailure
{
    /// <summary>Long enough for a path or an address; Orleans' timeout messages go on to dump the whole request.</summary>
    private const int MaxMessageLength = 240;

    public static int Report(Exception failure, CliConsole console)
    {
        // A library's message may quote the connection string it was given.
        console.Error.WriteLine($"error: {Silo.Persistence.ConnectionStrings.RedactMessage(Cause(failure))}");
        console.Error.WriteLine($"hint: {Hint([.. Chain(failure)])}");
        return ExitCodes.Failure;
    }

    /// <summary>The innermost exception's message as one line, cut where it would run on.</summary>
    public static string Cause(Exception failure)
    {
        var innermost = Chain(failure).Last();
        var message = innermost.Message.Split('\n')[0].Trim();
        if (message.Length > MaxMessageLength)
        {
            message = string.Concat(message.AsSpan(0, MaxMessageLength), "…");
        }

        return message.Length > 0 ? message : innermost.GetType().Name;
    }

    /// <summary>The first exception under the wrappers that only carry a cause.</summary>
    public static Exception Unwrap(Exception failure) => Chain(failure).First();

    /// <summary>The exception and its causes, outermost first; wrappers that only carry a cause are skipped.</summary>
    private static IEnumerable<Exception> Chain(Exception failure)
    {
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            if (e is AggregateException { InnerExceptions.Count: 1 } or TargetInvocationException && e.InnerException is not null)
            {
                continue;
            }

            yield return e;
        }
    }

    private static string Hint(IReadOnlyList<Exception> chain)
    {
        if (chain.Any(e => e is TimeoutException))
        {
            return "the cluster did not answer in time: a silo may have died or be overloaded; check the silos, or raise --timeout for very large sweeps";
        }

        if (chain.Any(e => e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }))
        {
            return "a port this command listens on is taken by another process: choose free ports (--silo-port, --gateway-port, --http-port)";
        }

        if (chain.Any(e => e is OrleansException or SocketException))
        {
            return "lost the connection to the cluster: are its silos still running (sc silo …)? check --postgres / --gateway";
        }

        if (chain.Any(e => e is IOException or UnauthorizedAccessException))
        {
            return "check that the path exists, is a directory where one is expected, and is writable";
        }

        return "this is not a known failure of sc; rerun the same command, and report it with the command line if it persists";
    }
}
