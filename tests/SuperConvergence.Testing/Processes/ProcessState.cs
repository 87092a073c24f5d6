using System.Globalization;

namespace SuperConvergence.Testing.Processes;

/// <summary>Whether a process the test program recorded (its pid in a file) is still alive.</summary>
public static class ProcessState
{
    public static int ReadPid(string path) => int.Parse(File.ReadAllText(path), CultureInfo.InvariantCulture);

    /// <summary>Alive, not a zombie waiting for its parent to reap it.</summary>
    public static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        try
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
