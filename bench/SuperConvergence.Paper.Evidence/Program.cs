using System.Diagnostics;
using SuperConvergence.Paper.Evidence;

// bench/paper/run.sh's report phase: RESULTS (bench/paper/results) and DOCS (docs/) in; RESULTS/paper.json, the page
// DOCS/paper.md and its pictures DOCS/img/paper-super-convergence.png and DOCS/img/paper-less-data.png out.
if (args.Length != 2 || !Directory.Exists(Path.Combine(args[0], "rangetest")) || !Directory.Exists(Path.Combine(args[0], "super")))
{
    Console.Error.WriteLine("usage: SuperConvergence.Paper.Evidence RESULTS DOCS   (RESULTS must hold rangetest/ and super/, as bench/paper/run.sh leaves them)");
    return 2;
}

var (resultsDir, docs) = (args[0], args[1]);
var results = PaperResults.Load(resultsDir);
var super = SuperConvergenceFinding.Of(results, PaperPage.Tolerance);
var lessData = LessDataFinding.Of(results);
var provenance = new Provenance("bench/paper/run.sh", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC", Git("rev-parse --short HEAD"), Provenance.DescribeMachine());
Directory.CreateDirectory(Path.Combine(docs, "img"));
PaperPlots.SaveSuperConvergence(super, Path.Combine(docs, "img", "paper-super-convergence.png"));
PaperPlots.SaveLessData(lessData, Path.Combine(docs, "img", "paper-less-data.png"));
File.WriteAllText(Path.Combine(resultsDir, "paper.json"), PaperJson.Write(results, super, lessData, provenance));
File.WriteAllText(Path.Combine(docs, "paper.md"), PaperPage.Write(results, super, lessData, provenance));
Console.WriteLine($"wrote {Path.Combine(resultsDir, "paper.json")}, {Path.Combine(docs, "paper.md")} and its two plots under {Path.Combine(docs, "img")}");
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
