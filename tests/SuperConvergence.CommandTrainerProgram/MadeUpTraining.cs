using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace SuperConvergence.CommandTrainerProgram;

/// <summary>
/// Deterministic made-up training: accuracy grows with the LR the schedule file hands out, best near an optimum that
/// depends on batch size; the range-test loss falls, then blows up past that optimum. A run resumed from its
/// checkpoint prints exactly what the uninterrupted run prints. The flags make it misbehave on purpose.
/// </summary>
internal sealed class MadeUpTraining(TrialFile config, ProgramArguments arguments)
{
    public string Mode => config.Text("mode");

    private double Optimum => 0.4 * Math.Sqrt(config.Integer("batch_size") / 128.0) * (1 - (2 * config.Number("weight_decay")));

    public int Train()
    {
        var rates = config.ScheduleLearningRates();
        var stepsPerEpoch = config.Integer("steps_per_epoch");
        var cycle = config.Integer("cycle_epochs");
        var maxLr = config.Number("max_lr");
        var resumeEpoch = config.Integer("resume_epoch");
        var progress = 0.0;
        if (config.OptionalText("resume_dir") is { } resume)
        {
            using var saved = JsonDocument.Parse(File.ReadAllText(Path.Combine(resume, "state.json")));
            if (saved.RootElement.GetProperty("epoch").GetInt32() != resumeEpoch)
            {
                Console.Error.WriteLine($"resume_dir holds epoch {saved.RootElement.GetProperty("epoch").GetInt32()}, not {resumeEpoch}");
                return 4;
            }

            progress = saved.RootElement.GetProperty("progress").GetDouble();
        }

        var quality = Math.Exp(-Math.Pow(Math.Log(maxLr / Optimum), 2) / 2);
        for (var epoch = resumeEpoch + 1; epoch <= cycle; epoch++)
        {
            if (Misbehaves(epoch) is { } code)
            {
                return code;
            }

            if (arguments.EpochMilliseconds > 0)
            {
                Thread.Sleep(arguments.EpochMilliseconds);
            }

            if (maxLr > arguments.DivergeAbove && epoch >= 2)
            {
                Console.WriteLine("{\"diverged\": true}");
                return 0;
            }

            progress += rates.Skip((epoch - 1) * stepsPerEpoch).Take(stepsPerEpoch).Sum() / (maxLr * stepsPerEpoch);
            var accuracy = 0.1 + (0.85 * quality * (1 - Math.Exp(-1.5 * progress)));
            var trainLoss = (2.3 * (1 - accuracy)) + 0.05;
            if (arguments.Misbehave != "no-checkpoint" || epoch != arguments.At)
            {
                var directory = Path.Combine(config.Text("checkpoint_dir"), epoch.ToString(CultureInfo.InvariantCulture));
                Directory.CreateDirectory(directory);
                File.WriteAllText(Path.Combine(directory, "state.json"), Json($"{{\"epoch\": {epoch}, \"progress\": {progress:R}}}"));
            }

            var loss = arguments.Misbehave == "nan" && epoch == arguments.At ? "NaN" : Json($"{trainLoss:R}");
            Console.WriteLine(Json($"{{\"epoch\": {epoch}, \"train_loss\": ") + loss + Json($", \"test_loss\": {trainLoss + 0.05:R}, \"accuracy\": {accuracy:R}}}"));
        }

        if (arguments.Misbehave == "extra-line")
        {
            Console.WriteLine(Json($"{{\"epoch\": {cycle + 1}, \"train_loss\": 1, \"test_loss\": 1, \"accuracy\": 0.5}}"));
        }

        if (arguments.Misbehave == "fail-at-end")
        {
            Console.Error.WriteLine("crashed while writing the final model");
            return 5;
        }

        return 0;
    }

    public int RangeTest()
    {
        var rates = config.ScheduleLearningRates();
        var seed = config.Integer("seed");
        var best = double.PositiveInfinity;
        for (var iteration = 1; iteration <= rates.Length; iteration++)
        {
            if (Misbehaves(iteration) is { } code)
            {
                return code;
            }

            var lr = rates[iteration - 1];
            var x = Math.Log10(lr / Optimum);
            var noise = 0.01 * Math.Sin((iteration * 12.9898) + (seed * 78.233));
            var loss = 2.3 - (1.5 / (1 + Math.Exp(-3 * (x + 1.5)))) + Math.Exp(3 * (x - 0.5)) + noise;
            best = Math.Min(best, loss);
            if (loss > 4 * best)
            {
                // Blown up: a range test stops here, and says so by stopping.
                return 0;
            }

            Console.WriteLine(Json($"{{\"iteration\": {iteration}, \"lr\": {lr:R}, \"loss\": {loss:R}}}"));
        }

        return 0;
    }

    private bool MisbehavesInThisRun => arguments.MisbehaveIn switch
    {
        null => true,
        "probe" => Environment.GetEnvironmentVariable("SC_PROBE") == "1",
        var mode => mode == Mode,
    };

    /// <summary>The exit code when the flags say to end here; misbehaviour that keeps running returns null.</summary>
    private int? Misbehaves(int count)
    {
        if (count != arguments.At || !MisbehavesInThisRun)
        {
            return null;
        }

        switch (arguments.Misbehave)
        {
            case "exit-at-once":
                Console.Error.WriteLine("boom: cannot open the dataset");
                return 3;
            case "silent":
                return 0;
            case "garbage":
                Console.WriteLine("loading the data, please wait");
                return null;
            case "hang" or "ignore-term":
                Thread.Sleep(Timeout.Infinite);
                return null;
            case "child":
                using (var child = Process.Start("sleep", "600"))
                {
                    File.WriteAllText(arguments.PidFile + ".child", child.Id.ToString(CultureInfo.InvariantCulture));
                }

                Thread.Sleep(Timeout.Infinite);
                return null;
            default:
                return null;
        }
    }

    private static string Json(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
