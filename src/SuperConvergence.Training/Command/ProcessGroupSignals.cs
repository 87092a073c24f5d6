namespace SuperConvergence.Training.Command;

/// <summary>
/// Signals to a whole process group (kill(2) with a negative pid), which .NET's Process cannot send: a program the
/// command trainer stops must take its own children (data-loader workers, a shell's commands) with it.
/// </summary>
internal static partial class ProcessGroupSignals
{
    public const int Terminate = 15; // SIGTERM
    public const int Kill = 9; // SIGKILL

    /// <summary>Sends <paramref name="signal"/> to process group <paramref name="group"/>; false when the group is gone (or this is not Linux).</summary>
    public static bool Send(int group, int signal) => TrySend(-group, signal);

    /// <summary>Sends <paramref name="signal"/> to the one process <paramref name="pid"/>; false when it is gone.</summary>
    public static bool SendToProcess(int pid, int signal) => TrySend(pid, signal);

    private static bool TrySend(int target, int signal)
    {
        try
        {
            return SendSignal(target, signal) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    // DllImport, not LibraryImport: the source-generated form needs unsafe code enabled for the whole project, and
    // this blittable signature needs no marshalling.
    [DllImport("libc.so.6", EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);
}
