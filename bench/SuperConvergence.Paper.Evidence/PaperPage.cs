using System.Globalization;
using System.Text;

namespace SuperConvergence.Paper.Evidence;

/// <summary>docs/paper.md: every number computed from bench/paper/results; the paper's own numbers are the constants below.</summary>
public static class PaperPage
{
    /// <summary>The robustness reading of finding 1: the target lowered by this much (a share; 0.002 = 0.2 points).</summary>
    public const double Tolerance = 0.002;

    // The paper's headline (Smith & Topin, Figure 1a): ResNet-56 on CIFAR-10, 1cycle 92.4 % after 10,000 iterations,
    // the piecewise-constant schedule 91.2 % after 80,000.
    private const double PaperOneCycleAccuracy = 0.924;
    private const int PaperOneCycleIterations = 10_000;
    private const double PaperConventionalAccuracy = 0.912;
    private const int PaperConventionalIterations = 80_000;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Write(PaperResults results, SuperConvergenceFinding super, LessDataFinding lessData, Provenance provenance)
    {
        var sample = super.Conventional.Runs[0];
        var page = new StringBuilder();
        page.AppendLine("# Super-convergence, reproduced on our trainer");
        page.AppendLine();
        page.AppendLine(Invariant, $"Generated — do not edit by hand. Command: `{provenance.Command}` (its runs resume; the page is its last phase, `bench/SuperConvergence.Paper.Evidence`). Written {provenance.Written} at commit {provenance.Commit} on {provenance.Machine}, TorchSharp on the `{sample.Device}` device, from the {results.All.Count() + 1} result files in `bench/paper/results` (every number below; they are also in `bench/paper/results/paper.json`). The runs' trainer time adds up to {results.All.Sum(r => r.Seconds):N0} s (the machine was shared: the same run took anywhere from {MinMaxSeconds(results)}).");
        page.AppendLine();
        page.AppendLine("Smith & Topin, *Super-Convergence: Very Fast Training of Neural Networks Using Large Learning Rates* (2019), report that one learning-rate cycle (1cycle) at a large maximum learning rate trains a network to a better test accuracy in far fewer iterations than a tuned piecewise-constant (\"conventional\") schedule, and that the advantage grows as the training set shrinks. This page checks both on our trainer, at the scale two shared CPU cores allow.");
        page.AppendLine();

        page.AppendLine("## Setup");
        page.AppendLine();
        page.AppendLine(Invariant, $"- **Data and model.** `{sample.Dataset}` (`sc data get`'s split), the first N training images (`--train-subset N`), test accuracy measured after every epoch on {TestImages(results.Super)} test images (finding 1) and {TestImages(results.LessData)} (finding 2: the small sets run many epochs, and each epoch is evaluated); `--model {sample.Model}` (flatten, two hidden ReLU layers, linear classifier; no batch norm); SGD, batch {sample.BatchSize}, weight decay {sample.WeightDecay.ToString("G3", Invariant)}. Iterations = epochs × ⌈N / {sample.BatchSize}⌉.");
        page.AppendLine(Invariant, $"- **1cycle** (`--policy onecycle`): PyTorch `OneCycleLR`'s defaults (warm-up 30 %, div factor 25, momentum 0.95 → 0.85) to max LR **{Lr(super.OneCycleMaxLr)}**, the recommendation of one LR range test on the first {results.RangeTest.TrainImages:N0} training images (`sc rangetest run`, exponential ramp, {results.RangeTest.Iterations:N0} iterations before it stopped; loss floor {Lr(results.RangeTest.Report.Floor.Low)} … {Lr(results.RangeTest.Report.Floor.High)}, divergence at {(results.RangeTest.Report.DivergenceLr is double d ? Lr(d) : "none")}).");
        page.AppendLine(Invariant, $"- **Conventional** (`--policy multistep`): a constant LR dropped ×0.1 at 50 % and 75 % of the run, momentum 0.9, for {super.Conventional.Epochs} epochs ({super.Conventional.Iterations:N0} iterations). The LR was tuned among {string.Join(", ", super.Candidates.Select(c => Lr(c.MaxLr)))} on seed 1's final test accuracy: **{Lr(super.Conventional.MaxLr)}** won.");
        page.AppendLine("- Both findings use these two LRs; seeds set the weights and the data order.");
        page.AppendLine();
        page.AppendLine("```bash");
        page.AppendLine("dotnet build src/SuperConvergence.Cli/SuperConvergence.Cli.csproj -c Release -o /tmp/sc-paper   # optional: a frozen console");
        page.AppendLine("SC_BIN=\"dotnet /tmp/sc-paper/sc.dll\" bench/paper/run.sh    # phases: rangetest tune super lessdata report");
        page.AppendLine("```");
        page.AppendLine();
        page.AppendLine("The `sc` commands it runs, one of each kind:");
        page.AppendLine();
        page.AppendLine("```bash");
        var common = string.Create(Invariant, $"--dataset {sample.Dataset} --model {sample.Model} --batch-size {sample.BatchSize} --weight-decay {sample.WeightDecay.ToString("G3", Invariant)} --device {sample.Device}");
        page.AppendLine(Invariant, $"sc rangetest run {common} --train-subset {results.RangeTest.TrainImages} --mode exp --start-lr 1e-4 --end-lr 10 --iterations 400 --momentum 0.9 --seed {results.RangeTest.Seed} --out curve.csv --format json");
        page.AppendLine(Invariant, $"sc train {common} --train-subset {super.Conventional.Runs[0].TrainImages} --policy multistep --max-lr {super.Conventional.MaxLr.ToString("R", Invariant)} --momentum-range 0.9,0.9 --epochs {super.Conventional.Epochs} --seed 1");
        var longest = super.Cycles[^1];
        page.AppendLine(Invariant, $"sc train {common} --train-subset {longest.Runs[0].TrainImages} --policy onecycle --max-lr {longest.MaxLr.ToString("R", Invariant)} --epochs {longest.Epochs} --seed 1");
        if (lessData.Sizes.Count > 0)
        {
            var smallest = lessData.Sizes[0];
            var testSubset = PaperRun.TestImagesOf(results.LessData) is int t && t != PaperRun.TestImagesOf(results.Super) ? string.Create(Invariant, $" --test-subset {t}") : "";
            page.AppendLine(Invariant, $"sc train {common} --train-subset {smallest.TrainImages}{testSubset} --policy onecycle --max-lr {smallest.OneCycle.MaxLr.ToString("R", Invariant)} --epochs {smallest.OneCycle.Epochs} --seed 1");
        }

        page.AppendLine("```");
        page.AppendLine();

        WriteSuperConvergence(page, super);
        WriteLessData(page, results, lessData);
        WriteReading(page, results, super, lessData);
        return page.ToString();
    }

    private static void WriteSuperConvergence(StringBuilder page, SuperConvergenceFinding super)
    {
        page.AppendLine(Invariant, $"## Finding 1: super-convergence ({super.Conventional.Runs[0].TrainImages:N0} training images)");
        page.AppendLine();
        page.AppendLine("Tuning the conventional schedule (seed 1):");
        page.AppendLine();
        page.AppendLine("| LR | final test accuracy |");
        page.AppendLine("| ---: | ---: |");
        foreach (var candidate in super.Candidates)
        {
            page.AppendLine(Invariant, $"| {Lr(candidate.MaxLr)} | {(candidate.FinalAccuracy is double a ? (candidate.MaxLr == super.Conventional.MaxLr ? $"**{Pct(a)}**" : Pct(a)) : candidate.Status)} |");
        }

        var ranked = super.Candidates.Where(c => c.FinalAccuracy is not null).OrderByDescending(c => c.FinalAccuracy).ToList();
        if (ranked.Count >= 2)
        {
            page.AppendLine();
            page.AppendLine(Invariant, $"The runner-up, {Lr(ranked[1].MaxLr)}, is {Points(ranked[0].FinalAccuracy!.Value - ranked[1].FinalAccuracy!.Value)} points behind: on one seed, a margin within the seeds' spread below, so the two are as good as tied.");
        }

        page.AppendLine();
        page.AppendLine(Invariant, $"The schedules, {Seeds(super.Conventional)} (target: the conventional schedule's mean final accuracy, **{Pct(super.Target)}**):");
        page.AppendLine();
        page.AppendLine("| schedule | max LR | epochs | iterations | final test accuracy, per seed | mean | spread (max − min) | reaches the target |");
        page.AppendLine("| --- | ---: | ---: | ---: | --- | ---: | ---: | --- |");
        foreach (var schedule in super.Cycles.Append(super.Conventional))
        {
            var name = schedule.Policy == "onecycle" ? "1cycle" : "conventional";
            var reaches = schedule == super.Conventional
                ? string.Create(Invariant, $"its mean curve first at {super.ConventionalIterationsToTarget:N0} it.")
                : schedule.Final.Mean >= super.Target ? "yes" : string.Create(Invariant, $"no ({Signed(schedule.Final.Mean - super.Target)} points)");
            page.AppendLine(Invariant, $"| {name} | {Lr(schedule.MaxLr)} | {schedule.Epochs} | {schedule.Iterations:N0} | {string.Join(", ", schedule.Final.Values.Select(Pct))} | **{Pct(schedule.Final.Mean)}** | {Points(schedule.Final.Max - schedule.Final.Min)} points | {reaches} |");
        }

        page.AppendLine();
        if (super.OneCycleIterationsToTarget is int oneCycle)
        {
            var previous = super.Cycles.LastOrDefault(c => c.Iterations < oneCycle);
            page.AppendLine(Invariant, $"**Iterations to the conventional schedule's final accuracy: conventional {super.ConventionalIterationsToTarget:N0}, 1cycle {oneCycle:N0} — a ratio of {super.IterationRatio:0.0}×** (whole conventional run over that cycle: {super.LengthRatio:0.0}×; the paper: {PaperConventionalIterations:N0} / {PaperOneCycleIterations:N0} = {(double)PaperConventionalIterations / PaperOneCycleIterations:0}×). {(previous is null ? "The shortest cycle measured already reached it, so the ratio is a lower bound." : string.Create(Invariant, $"The next shorter cycle ({previous.Iterations:N0} iterations) fell short, so the cycle 1cycle needs lies between the two and the ratio between {super.IterationRatio:0.0}× and {(double)super.ConventionalIterationsToTarget / previous.Iterations:0.0}×."))}");
        }
        else
        {
            page.AppendLine(Invariant, $"**No cycle reached the conventional schedule's final accuracy**: the best, {super.BestCycle.Epochs} epochs ({super.BestCycle.Iterations:N0} iterations), ended {Signed(super.BestCycle.Final.Mean - super.Target)} points against it (the conventional schedule's mean curve reached it at {super.ConventionalIterationsToTarget:N0} iterations).");
        }

        page.AppendLine();
        page.AppendLine(Invariant, $"With the target {Points(super.Tolerance)} points lower ({Pct(super.Target - super.Tolerance)}, about the seeds' noise): conventional {super.ConventionalIterationsToTolerance:N0} iterations, 1cycle {(super.OneCycleIterationsToTolerance is int t ? t.ToString("N0", Invariant) : "none of the cycles")}{(super.ToleranceRatio is double r ? string.Create(Invariant, $", a ratio of {r:0.0}×") : "")}. The best cycle, {super.BestCycle.Epochs} epochs, ends {Signed(super.BestCycle.Final.Mean - super.Target)} points against the conventional schedule (the paper: {Signed(PaperOneCycleAccuracy - PaperConventionalAccuracy)} points).");
        page.AppendLine();
        page.AppendLine("![Test accuracy against iterations for 1cycle and the conventional schedule; final accuracy against the schedule's length](img/paper-super-convergence.png)");
        page.AppendLine();
    }

    private static void WriteLessData(StringBuilder page, PaperResults results, LessDataFinding lessData)
    {
        page.AppendLine("## Finding 2: less data");
        page.AppendLine();
        if (lessData.Sizes.Count == 0)
        {
            page.AppendLine("Not measured yet (run `bench/paper/run.sh lessdata report`).");
            page.AppendLine();
            return;
        }

        page.AppendLine(Invariant, $"Both schedules at the same LRs as finding 1, on the first N training images, for the same number of iterations at every size (epochs × ⌈N / batch⌉), {Seeds(lessData.Sizes[0].OneCycle)}, test accuracy on {TestImages(results.LessData)} test images; the gap is 1cycle's mean final test accuracy minus the conventional schedule's, in points.");
        page.AppendLine();
        page.AppendLine("| training images | epochs | iterations | 1cycle, per seed | 1cycle mean | conventional, per seed | conventional mean | **gap** | gap per seed | final train loss, 1cycle / conventional |");
        page.AppendLine("| ---: | ---: | ---: | --- | ---: | --- | ---: | ---: | --- | ---: |");
        foreach (var size in lessData.Sizes)
        {
            page.AppendLine(Invariant, $"| {size.TrainImages:N0} | {size.OneCycle.Epochs} | {size.OneCycle.Iterations:N0} | {string.Join(", ", size.OneCycle.Final.Values.Select(Pct))} | {Pct(size.OneCycle.Final.Mean)} | {string.Join(", ", size.Conventional.Final.Values.Select(Pct))} | {Pct(size.Conventional.Final.Mean)} | **{Signed(size.Gap)}** | {string.Join(", ", size.SeedGaps.Select(Signed))} | {Loss(size.OneCycle.MeanTrainLoss)} / {Loss(size.Conventional.MeanTrainLoss)} |");
        }

        page.AppendLine();
        page.AppendLine("![Final test accuracy of both schedules and their gap against the training-set size](img/paper-less-data.png)");
        page.AppendLine();
    }

    private static void WriteReading(StringBuilder page, PaperResults results, SuperConvergenceFinding super, LessDataFinding lessData)
    {
        page.AppendLine("## Reading");
        page.AppendLine();
        var perEpoch = super.Conventional.Runs[0].IterationsPerEpoch;
        var lrRatio = super.OneCycleMaxLr / super.Conventional.MaxLr;
        var beforeDrop = super.Conventional.MeanCurve[(super.Conventional.Epochs / 2) - 1].TestAccuracy;

        // Finding 1.
        var paperRatio = (double)PaperConventionalIterations / PaperOneCycleIterations;
        var paper = string.Create(Invariant, $"the paper: {paperRatio:0}× fewer iterations and {Signed(PaperOneCycleAccuracy - PaperConventionalAccuracy)} points");
        var best = string.Create(Invariant, $"its best cycle ({super.BestCycle.Iterations:N0} iterations) ended {Signed(super.BestCycle.Final.Mean - super.Target)} points against the conventional schedule");
        if (super.IterationRatio is double ratio && ratio > 1)
        {
            page.AppendLine(Invariant, $"**Finding 1 {(ratio >= paperRatio ? "agrees" : "agrees in direction, not in size")}.** 1cycle at the range test's recommendation reached the tuned conventional schedule's final accuracy in {ratio:0.0}× fewer iterations ({super.LengthRatio:0.0}× counting the conventional run's whole length, the paper's way), and {best} ({paper}).");
        }
        else if (super.ToleranceRatio is double near && near > 1)
        {
            page.AppendLine(Invariant, $"**Finding 1 holds only within noise.** 1cycle came within {Points(super.Tolerance)} points of the tuned conventional schedule's final accuracy in {near:0.0}× fewer iterations, but {(super.OneCycleIterationsToTarget is int c ? string.Create(Invariant, $"needed {c:N0} iterations to pass it, {(double)c / super.ConventionalIterationsToTarget:0.0}× the conventional schedule's") : "no cycle measured passed it")}; {best} ({paper}).");
        }
        else
        {
            page.AppendLine(Invariant, $"**Finding 1 does not reproduce here.** {(super.IterationRatio is double r ? string.Create(Invariant, $"1cycle needed {1 / r:0.0}× the conventional schedule's iterations to reach its final accuracy") : string.Create(Invariant, $"No cycle up to {super.Cycles[^1].Iterations:N0} iterations reached the conventional schedule's final accuracy"))}; {best} ({paper}).");
        }

        page.AppendLine();
        page.AppendLine("What limits it:");
        page.AppendLine();
        page.AppendLine(Invariant, $"- **No large learning rates.** Super-convergence rests on a cycle that reaches LRs far above what a constant schedule tolerates; their noise regularises, and that is where the paper's speed and accuracy come from (its ResNet-56 cycles go up to 3). Our MLP has no batch norm: the range test diverged at {(results.RangeTest.Report.DivergenceLr is double d ? Lr(d) : "—")} and recommended max LR {Lr(super.OneCycleMaxLr)}, {lrRatio:0.00}× the tuned conventional LR {Lr(super.Conventional.MaxLr)}, and the conventional schedule already diverged at {string.Join(", ", super.Candidates.Where(c => c.FinalAccuracy is null).Select(c => Lr(c.MaxLr)).DefaultIfEmpty("none of its candidates"))}. The range test's loss floor ends at {Lr(results.RangeTest.Report.Floor.High)}: there is no wide band of usable large LRs, the sign the paper reads off a range test that super-convergence is possible. Whatever 1cycle gains here comes from its shape (warm-up, then a long anneal to a tiny LR) and its cycled momentum, not from large LRs.");
        page.AppendLine(Invariant, $"- **The conventional schedule plateaus early.** Its mean curve is at {(beforeDrop is double b ? Pct(b) : "—")} just before the first drop (epoch {super.Conventional.Epochs / 2}) and {Pct(super.Target)} at the end; most of its accuracy arrives at the first drop, so its iterations to the target depend on where the drop sits (a shorter conventional run drops sooner). The ratio counts the run as tuned: its LR, not its length; the paper's conventional schedule is likewise its authors' fixed-length recipe.");
        page.AppendLine(Invariant, $"- **Resolution.** Accuracy is read once an epoch ({perEpoch} iterations), and the cycles are a ladder ({string.Join(", ", super.Cycles.Select(c => c.Iterations.ToString("N0", Invariant)))} iterations), so the iterations 1cycle needs are known only to within the step between two rungs; the seeds' spread (up to {Points(super.Cycles.Append(super.Conventional).Max(c => c.Final.Max - c.Final.Min))} points) is of the order of the differences read here, which is why the ratio is also given with the target {Points(super.Tolerance)} points lower.");
        page.AppendLine("- **Scale.** A small fully connected network on a subset of Fashion-MNIST, not ResNet-56 on CIFAR-10: a CNN of the paper's kind (`--model resnet-small`) trains an order of magnitude slower per image on these cores (measured while preparing this page, not recorded here), too slow for a ladder of cycles and a tuned, seeded conventional schedule within the compute this page was allowed.");
        page.AppendLine();

        // Finding 2.
        if (lessData.Sizes.Count >= 2)
        {
            var (smallest, largest) = (lessData.Sizes[0], lessData.Sizes[^1]);
            var widens = smallest.Gap > largest.Gap;
            var headline = lessData.GapWidensAtEveryStep
                ? "**Finding 2 agrees: the gap widens at every step down in size.**"
                : widens
                    ? "**Finding 2 agrees in trend, not at every step.**"
                    : "**Finding 2 does not reproduce here: the gap does not widen as the data shrinks.**";
            page.AppendLine(Invariant, $"{headline} At {smallest.TrainImages:N0} images 1cycle ends {Signed(smallest.Gap)} points against the conventional schedule, at {largest.TrainImages:N0} images {Signed(largest.Gap)} (every size: {string.Join(", ", lessData.Sizes.Select(s => string.Create(Invariant, $"{s.TrainImages:N0}: {Signed(s.Gap)}")))}). Each pair ran the same {lessData.Sizes.Min(z => z.OneCycle.Iterations):N0}–{lessData.Sizes.Max(z => z.OneCycle.Iterations):N0} iterations, so the smaller sets ran more epochs ({smallest.OneCycle.Epochs} against {largest.OneCycle.Epochs}). {Memorised(smallest, largest, widens)} The paper credits the advantage with less data to the regularisation of large LRs, which this MLP cannot use (finding 1). The conventional schedule's LR was tuned at {super.Conventional.Runs[0].TrainImages:N0} images and kept, as was 1cycle's max LR, so neither schedule was re-tuned per size. With {smallest.OneCycle.Runs.Count} seeds per size and seed-pair gaps as far apart as {Points(lessData.Sizes.Max(s => s.SeedGaps.Max() - s.SeedGaps.Min()))} points, differences between sizes smaller than that are noise.");
            page.AppendLine();
        }
    }

    /// <summary>The runs' test-set size (see <see cref="PaperRun.TestImagesOf"/>).</summary>
    private static string TestImages(IEnumerable<PaperRun> runs) => PaperRun.TestImagesOf(runs) is int n ? n.ToString("N0", Invariant) : "an unknown number of";

    /// <summary>Why the gaps at the two ends differ, read off the training losses.</summary>
    private static string Memorised(SizeResult smallest, SizeResult largest, bool widens)
    {
        var text = new StringBuilder();
        var memorised = Math.Max(smallest.OneCycle.MeanTrainLoss, smallest.Conventional.MeanTrainLoss) < MemorisedLoss;
        text.Append(Invariant, $"At {smallest.TrainImages:N0} images the training loss ends at {Loss(smallest.OneCycle.MeanTrainLoss)} (1cycle) and {Loss(smallest.Conventional.MeanTrainLoss)} (conventional)");
        text.Append(memorised ? ": both schedules memorise the set, and what limits the test accuracy there is the data, not the schedule." : ".");
        text.Append(Invariant, $" At {largest.TrainImages:N0} images the same iterations are {largest.OneCycle.Epochs} epochs, the conventional schedule drops its LR after {largest.Conventional.Epochs / 2}, and the training loss ends at {Loss(largest.OneCycle.MeanTrainLoss)} (1cycle) and {Loss(largest.Conventional.MeanTrainLoss)} (conventional)");
        text.Append(!widens && largest.Gap > smallest.Gap
            ? ": 1cycle's lead shows where the budget is short for the data, so at equal iterations the gap, if anything, grows with the data here rather than as it shrinks."
            : ".");
        return text.ToString();
    }

    /// <summary>A mean training cross-entropy below this at the end: the network has fit its training set.</summary>
    private const double MemorisedLoss = 0.01;

    private static string Seeds(ScheduleResult schedule) => schedule.Runs.Count == 1
        ? string.Create(Invariant, $"seed {schedule.Runs[0].Seed}")
        : string.Create(Invariant, $"seeds {string.Join(", ", schedule.Runs.Select(r => r.Seed))}");

    private static string MinMaxSeconds(PaperResults results)
    {
        var runs = results.Super.Where(r => r.Policy == "onecycle" && r.Completed).GroupBy(r => r.Epochs).OrderByDescending(g => g.Key).First();
        return string.Create(Invariant, $"{runs.Min(r => r.Seconds):0.0} to {runs.Max(r => r.Seconds):0.0} s for 1cycle's {runs.Key} epochs");
    }

    private static string Lr(double value) => value.ToString("G3", Invariant);

    private static string Loss(double value) => value.ToString("G2", Invariant);

    private static string Pct(double value) => value.ToString("P2", Invariant);

    private static string Points(double share) => (share * 100).ToString("0.00", Invariant);

    private static string Signed(double share) => (share * 100).ToString("+0.00;−0.00;0.00", Invariant);
}
