namespace SuperConvergence.Fuzz;

/// <summary>Feeds saved inputs (afl's crashes, the corpus) to a target once each, outside afl, to reproduce findings.</summary>
internal static class Replay
{
    /// <returns>0 when every input was read or rejected as documented, 1 when any was a finding.</returns>
    public static int Run(FuzzTarget target, IEnumerable<string> files, TextWriter output)
    {
        var findings = 0;
        foreach (var file in files)
        {
            try
            {
                target.Run(File.ReadAllBytes(file));
                output.WriteLine($"ok       {file}");
            }
            catch (Exception finding)
            {
                findings++;
                output.WriteLine($"FINDING  {file}: {finding.GetType().FullName}: {finding.Message.ReplaceLineEndings(" ")}");
                output.WriteLine(finding.StackTrace);
            }
        }

        return findings == 0 ? 0 : 1;
    }
}
