using System.Diagnostics;
using System.Globalization;
using SuperConvergence.RangeTest.Evidence;

// bench/range-test/run.sh's report phase: RESULTS (bench/range-test/results) and DOCS (docs/) in, the page
// docs/range-test-evidence.md and its picture docs/img/range-test-evidence.png out.
if (args.Length != 2 || !Directory.Exists(Path.Combine(args[0], "curves")))
{
    Console.Error.WriteLine("usage: SuperConvergence.RangeTest.Evidence RESULTS DOCS   (RESULTS must hold curves/, as bench/range-test/run.sh leaves it)");
    return 2;
}

var (results, docs) = (args[0], args[1]);
var runs = EvidenceRuns.Load(results);
Directory.CreateDirectory(Path.Combine(docs, "img"));
EvidencePlot.Save(runs, Path.Combine(docs, "img", "range-test-evidence.png"));
var provenance = string.Create(
    CultureInfo.InvariantCulture,
    $"Command: `bench/range-test/run.sh` (its runs resume; this page is its last phase). Written {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC at commit {Git("rev-parse --short HEAD")} on {Machine()}, from {runs.Curves.Count} range-test curves, {runs.Grid.Count} grid runs and {runs.AtRecommendation.Count} runs at recommendations in bench/range-test/results.");
File.WriteAllText(Path.Combine(docs, "range-test-evidence.md"), EvidencePage.Write(runs, provenance, "img/range-test-evidence.png"));
Console.WriteLine($"wrote {Path.Combine(docs, "range-test-evidence.md")} and {Path.Combine(docs, "img", "range-test-evidence.png")}");
return 0;

static string Git(string arguments)
{
    try
    {
        using var git = Process.Start(new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        return git.ExitCode == 0 ? output : "unknown";
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return "unknown";
    }
}

static string Machine()
{
    var model = File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
        : null;
    return $"{model ?? "unknown CPU"}, {Environment.ProcessorCount} cores, {Environment.OSVersion}";
}
