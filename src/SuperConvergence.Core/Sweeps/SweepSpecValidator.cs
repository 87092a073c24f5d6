using SuperConvergence.Core.Datasets;

namespace SuperConvergence.Core.Sweeps;

/// <summary>
/// The value rules of a sweep spec. Every error names the field's path and the offending value, e.g.
/// <c>searchSpace.maxLr.min: -1 must be &gt; 0</c>. Specs built in code (tests, grains) go through the same rules.
/// </summary>
public static class SweepSpecValidator
{
    private const int MaxBatchSize = 1 << 20;
    private const int MaxCycleEpochs = 10_000;
    private const int MaxRangeTestSeeds = 100;
    private const int MaxConcurrency = 100_000;

    /// <summary>The fewest steps a trial's 1cycle may have: with PyTorch's 30 % warm-up, fewer leave the warm-up no step.</summary>
    private const int MinCommandCycleSteps = 4;

    /// <summary>The range-test analysis needs at least this many points per curve.</summary>
    public const int MinRangeTestIterations = 10;

    /// <summary>Throws <see cref="SweepSpecException"/> (first problem in the message, all in Errors) unless the spec is valid.</summary>
    public static SweepSpec Validate(SweepSpec spec)
    {
        var errors = FindErrors(spec);
        return errors.Count == 0 ? spec : throw new SweepSpecException(errors);
    }

    /// <summary>Every problem with the spec, in field order; empty when it is valid.</summary>
    public static IReadOnlyList<SweepSpecError> FindErrors(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new List<SweepSpecError>();
        RequireName(errors, "name", spec.Name);
        if (DatasetReference.TryParse(spec.Dataset) is { } reference)
        {
            errors.AddRange(reference.Problems().Select(p => new SweepSpecError($"dataset.{p.Field}", p.Value, p.Problem)));
        }
        else
        {
            RequireName(errors, "dataset", spec.Dataset);
        }

        RequireName(errors, "model", spec.Model);
        CheckTrainer(errors, spec.Trainer);
        CheckSearchSpace(errors, spec.SearchSpace);
        CheckCommandSchedule(errors, spec.Trainer, spec.SearchSpace.CycleEpochs);
        CheckRangeTest(errors, spec.RangeTest);
        if (!Enum.IsDefined(spec.Strategy))
        {
            errors.Add(new("strategy", ((int)spec.Strategy).ToString(CultureInfo.InvariantCulture), "must be one of adaptive, grid, random, asha, tpe"));
        }

        CheckBudget(errors, spec.Budget, spec.SearchSpace.CycleEpochs);
        CheckRange(errors, "maxConcurrentTrials", spec.MaxConcurrentTrials, 1, MaxConcurrency);
        if (spec.Data is { } data)
        {
            if (data.TrainImages is { } train)
            {
                CheckRange(errors, "data.trainImages", train, 1, int.MaxValue);
            }

            if (data.TestImages is { } test)
            {
                CheckRange(errors, "data.testImages", test, 1, int.MaxValue);
            }
        }

        return errors;
    }

    private static void RequireName(List<SweepSpecError> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(field, $"'{value}'", "must not be empty"));
        }
        else if (value.Any(char.IsControl))
        {
            errors.Add(new(field, $"'{value.ReplaceLineEndings(" ")}'", "must not contain control characters"));
        }
        else if (value.Length > MaxLength(field, value))
        {
            errors.Add(new(field, $"'{value[..20]}…' ({value.Length} characters)", $"must be at most {MaxLength(field, value)} characters"));
        }
        else if (field == "name" && !SweepSpecLimits.IsFolderSafeName(value))
        {
            errors.Add(new(field, $"'{value}'", "must be letters, digits, '.', '_' or '-', starting with a letter or digit (it names folders and files)"));
        }
    }

    private static int MaxLength(string field, string value) =>
        (field == "model" && (value.StartsWith(PluginModelReference.Prefix, StringComparison.Ordinal) || value.StartsWith(TorchScriptModelReference.Prefix, StringComparison.Ordinal)))
        || (field == "dataset" && value.StartsWith(PluginDatasetReference.Prefix, StringComparison.Ordinal))
            ? SweepSpecLimits.MaxModelFileNameLength
            : SweepSpecLimits.MaxNameLength;

    private static void CheckTrainer(List<SweepSpecError> errors, TrainerSpec trainer)
    {
        if (!Enum.IsDefined(trainer.Kind))
        {
            errors.Add(new("trainer.kind", ((int)trainer.Kind).ToString(CultureInfo.InvariantCulture), "must be torch, simulated, tabular or command"));
        }

        if (!double.IsFinite(trainer.EpochSeconds) || trainer.EpochSeconds < 0)
        {
            errors.Add(new("trainer.epochSeconds", Show(trainer.EpochSeconds), "must be a finite number >= 0"));
        }
        else if (trainer.EpochSeconds > 0 && trainer.Kind is TrainerKind.Torch or TrainerKind.Command)
        {
            errors.Add(new("trainer.epochSeconds", Show(trainer.EpochSeconds), "applies only to trainer kinds simulated and tabular"));
        }

        if (trainer.Kind == TrainerKind.Tabular && string.IsNullOrWhiteSpace(trainer.Table))
        {
            errors.Add(new("trainer.table", $"'{trainer.Table}'", "must name the table file of real runs to replay"));
        }
        else if (trainer.Kind != TrainerKind.Tabular && trainer.Table is not null)
        {
            errors.Add(new("trainer.table", $"'{trainer.Table}'", "applies only to trainer kind tabular"));
        }

        CheckCommand(errors, trainer);
    }

    private static void CheckCommand(List<SweepSpecError> errors, TrainerSpec trainer)
    {
        if (trainer.Kind != TrainerKind.Command)
        {
            if (trainer.Command is not null)
            {
                errors.Add(new("trainer.run", $"'{string.Join(' ', trainer.Command.Run ?? [])}'", "applies only to trainer kind command"));
            }

            return;
        }

        if (trainer.Command is not { } command)
        {
            errors.Add(new("trainer.run", "(missing)", "is required with trainer kind command: the program and its arguments, [PROGRAM, ARGS…]"));
            return;
        }

        if (command.Run is null || command.Run.Count == 0)
        {
            errors.Add(new("trainer.run", "[]", "must name the program to run, then its arguments: [PROGRAM, ARGS…]"));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(command.Run[0]))
            {
                errors.Add(new("trainer.run[0]", $"'{command.Run[0]}'", "must name the program to run"));
            }

            if (command.Run.Count > SweepSpecLimits.MaxChoices)
            {
                errors.Add(new("trainer.run", $"{command.Run.Count} values", $"is more than the limit of {SweepSpecLimits.MaxChoices}"));
            }

            for (var i = 0; i < command.Run.Count; i++)
            {
                if (command.Run[i] is null || command.Run[i].Contains('\0', StringComparison.Ordinal))
                {
                    errors.Add(new($"trainer.run[{i}]", $"'{command.Run[i]?.Replace("\0", "\\0", StringComparison.Ordinal)}'", "must be text without NUL characters (a program's arguments cannot hold them)"));
                }
            }
        }

        CheckRange(errors, "trainer.stepsPerEpoch", command.StepsPerEpoch, 1, SweepSpecLimits.MaxCommandStepsPerEpoch);
        if (command.LineTimeout <= TimeSpan.Zero || command.LineTimeout > SweepSpecLimits.MaxCommandLineTimeout)
        {
            errors.Add(new("trainer.lineTimeout", WallTimeText.Format(command.LineTimeout), $"must be longer than zero and at most {WallTimeText.Format(SweepSpecLimits.MaxCommandLineTimeout)}"));
        }
    }

    /// <summary>The command trainer writes every step of a trial's cycle to a file: its longest cycle bounds that file.</summary>
    private static void CheckCommandSchedule(List<SweepSpecError> errors, TrainerSpec trainer, IReadOnlyList<int>? cycleEpochs)
    {
        if (trainer.Kind != TrainerKind.Command || trainer.Command is not { StepsPerEpoch: > 0 } command || cycleEpochs is not { Count: > 0 })
        {
            return;
        }

        // The trial's 1cycle warms up over 30 % of its steps (PyTorch OneCycleLR's pct_start): fewer than 4 leave it none.
        var shortest = cycleEpochs.Min();
        if ((long)command.StepsPerEpoch * shortest < MinCommandCycleSteps)
        {
            errors.Add(new("trainer.stepsPerEpoch", Show(command.StepsPerEpoch),
                $"times the shortest cycle ({shortest} epochs) must be at least {MinCommandCycleSteps} schedule steps: the 1cycle warms up over 30 % of them"));
        }

        var longest = cycleEpochs.Max();
        if ((long)command.StepsPerEpoch * longest > SweepSpecLimits.MaxCommandScheduleSteps)
        {
            errors.Add(new("trainer.stepsPerEpoch", Show(command.StepsPerEpoch),
                $"times the longest cycle ({longest} epochs) is more than the limit of {SweepSpecLimits.MaxCommandScheduleSteps} schedule steps per trial"));
        }
    }

    private static void CheckSearchSpace(List<SweepSpecError> errors, SearchSpace space)
    {
        var (min, max) = (space.MaxLr.Min, space.MaxLr.Max);
        if (!double.IsFinite(min) || min <= 0)
        {
            errors.Add(new("searchSpace.maxLr.min", Show(min), "must be > 0"));
        }

        if (!double.IsFinite(max) || max <= 0)
        {
            errors.Add(new("searchSpace.maxLr.max", Show(max), "must be > 0"));
        }
        else if (double.IsFinite(min) && max <= min)
        {
            errors.Add(new("searchSpace.maxLr.max", Show(max), $"must be > searchSpace.maxLr.min ({Show(min)})"));
        }

        CheckChoices(errors, "searchSpace.weightDecay", space.WeightDecay, value => double.IsFinite(value) && value is >= 0 and < 1, "must be >= 0 and < 1", Show);
        CheckChoices(errors, "searchSpace.batchSize", space.BatchSize, value => value is >= 1 and <= MaxBatchSize, $"must be between 1 and {MaxBatchSize}", Show);
        CheckChoices(errors, "searchSpace.cycleEpochs", space.CycleEpochs, value => value is >= 1 and <= MaxCycleEpochs, $"must be between 1 and {MaxCycleEpochs}", Show);

        var momentum = space.Momentum;
        if (!double.IsFinite(momentum.Base) || momentum.Base is < 0 or >= 1)
        {
            errors.Add(new("searchSpace.momentum.base", Show(momentum.Base), "must be >= 0 and < 1"));
        }

        if (!double.IsFinite(momentum.Max) || momentum.Max is < 0 or >= 1)
        {
            errors.Add(new("searchSpace.momentum.max", Show(momentum.Max), "must be >= 0 and < 1"));
        }
        else if (double.IsFinite(momentum.Base) && momentum.Max < momentum.Base)
        {
            errors.Add(new("searchSpace.momentum.max", Show(momentum.Max), $"must be >= searchSpace.momentum.base ({Show(momentum.Base)})"));
        }
    }

    private static void CheckRangeTest(List<SweepSpecError> errors, RangeTestSpec rangeTest)
    {
        CheckRange(errors, "rangeTest.iterations", rangeTest.Iterations, MinRangeTestIterations, RangeTests.RangeTestPlan.MaxIterations);
        if (!double.IsFinite(rangeTest.StartLr) || rangeTest.StartLr <= 0)
        {
            errors.Add(new("rangeTest.startLr", Show(rangeTest.StartLr), "must be > 0"));
        }

        if (!double.IsFinite(rangeTest.EndLr) || rangeTest.EndLr <= 0)
        {
            errors.Add(new("rangeTest.endLr", Show(rangeTest.EndLr), "must be > 0"));
        }
        else if (double.IsFinite(rangeTest.StartLr) && rangeTest.EndLr <= rangeTest.StartLr)
        {
            errors.Add(new("rangeTest.endLr", Show(rangeTest.EndLr), $"must be > rangeTest.startLr ({Show(rangeTest.StartLr)})"));
        }

        CheckRange(errors, "rangeTest.seeds", rangeTest.Seeds, 1, MaxRangeTestSeeds);
    }

    private static void CheckBudget(List<SweepSpecError> errors, BudgetSpec budget, IReadOnlyList<int> cycleEpochs)
    {
        var shortest = cycleEpochs.Count > 0 ? cycleEpochs.Min() : 1;
        if (budget.TrialEpochs < shortest)
        {
            errors.Add(new("budget.trialEpochs", Show(budget.TrialEpochs), $"must be >= {shortest}, the shortest cycle in searchSpace.cycleEpochs, or no trial fits"));
        }

        CheckRange(errors, "budget.maxTrials", budget.MaxTrials, 1, int.MaxValue);
        if (budget.WallTime is { } wallTime && wallTime <= TimeSpan.Zero)
        {
            errors.Add(new("budget.wallTime", WallTimeText.Format(wallTime), "must be longer than zero"));
        }
    }

    private static void CheckChoices<T>(List<SweepSpecError> errors, string field, IReadOnlyList<T>? values, Func<T, bool> valid, string problem, Func<T, string> show)
    {
        if (values is null || values.Count == 0)
        {
            errors.Add(new(field, "[]", "must list at least one value"));
            return;
        }

        if (values.Count > SweepSpecLimits.MaxChoices)
        {
            errors.Add(new(field, $"{values.Count} values", $"is more than the limit of {SweepSpecLimits.MaxChoices}"));
            return;
        }

        var seen = new HashSet<T>();
        for (var i = 0; i < values.Count; i++)
        {
            var path = $"{field}[{i}]";
            if (!valid(values[i]))
            {
                errors.Add(new(path, show(values[i]), problem));
            }
            else if (!seen.Add(values[i]))
            {
                errors.Add(new(path, show(values[i]), "is listed twice"));
            }
        }
    }

    private static void CheckRange(List<SweepSpecError> errors, string field, int value, int min, int max)
    {
        if (value < min)
        {
            errors.Add(new(field, Show(value), $"must be >= {min}"));
        }
        else if (value > max)
        {
            errors.Add(new(field, Show(value), $"must be <= {max}"));
        }
    }

    internal static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Show(int value) => value.ToString(CultureInfo.InvariantCulture);
}
