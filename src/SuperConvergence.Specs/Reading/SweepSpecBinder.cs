using SuperConvergence.Core.Datasets;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Core.Sweeps.Reading;

/// <summary>
/// Turns a parsed document into a <see cref="SweepSpec"/>: shape and types here (unknown fields, text where a number
/// belongs), value rules in <see cref="SweepSpecValidator"/>. Omitted optional fields take <see cref="SweepSpecDefaults"/>.
/// </summary>
internal static class SweepSpecBinder
{
    private static readonly Dictionary<string, TrainerKind> Trainers = new()
    {
        ["torch"] = TrainerKind.Torch,
        ["simulated"] = TrainerKind.Simulated,
        ["tabular"] = TrainerKind.Tabular,
        ["command"] = TrainerKind.Command,
    };

    private static readonly Dictionary<string, StrategyKind> Strategies = new()
    {
        ["adaptive"] = StrategyKind.Adaptive,
        ["grid"] = StrategyKind.Grid,
        ["random"] = StrategyKind.Random,
        ["asha"] = StrategyKind.Asha,
        ["tpe"] = StrategyKind.Tpe,
    };

    public static SweepSpec Bind(SpecNode root)
    {
        var spec = SpecFields.Open(root, "",
            "name", "dataset", "model", "trainer", "searchSpace", "rangeTest", "strategy", "budget", "maxConcurrentTrials", "seed", "data");
        return new SweepSpec(
            Name: SpecScalars.Text(spec.Require("name")),
            Dataset: BindDataset(spec.Require("dataset")),
            Model: BindModel(spec.Require("model")),
            Trainer: spec.Get("trainer") is { } trainer ? BindTrainer(trainer) : new TrainerSpec(SweepSpecDefaults.Trainer, SweepSpecDefaults.EpochSeconds),
            SearchSpace: BindSearchSpace(spec.Require("searchSpace")),
            RangeTest: BindRangeTest(spec.Get("rangeTest")),
            Strategy: spec.Get("strategy") is { } strategy ? SpecScalars.Choice(strategy, Strategies) : SweepSpecDefaults.Strategy,
            Budget: BindBudget(spec.Get("budget")),
            MaxConcurrentTrials: spec.Get("maxConcurrentTrials") is { } concurrent ? SpecScalars.Integer(concurrent) : SweepSpecDefaults.MaxConcurrentTrials,
            Seed: spec.Get("seed") is { } seed ? SpecScalars.Integer(seed) : SweepSpecDefaults.Seed,
            Data: spec.Get("data") is { } data ? BindData(data) : null);
    }

    /// <summary>
    /// <c>model: resnet-20</c> (a catalog model, or <c>plugin:PATH#TYPE</c>, <c>torchscript:PATH</c>),
    /// <c>model: {plugin: PATH, type: TYPE}</c> (a user's .NET model plugin) or <c>model: {torchscript: PATH}</c> (a module
    /// saved with <c>torch.jit.save</c>), as the model name trials carry (<see cref="PluginModelReference"/>,
    /// <see cref="TorchScriptModelReference"/>).
    /// </summary>
    private static string BindModel((SpecNode Node, string Path) field)
    {
        if (field.Node is SpecScalar)
        {
            var name = SpecScalars.Text(field);
            try
            {
                PluginModelReference.Parse(name);
                TorchScriptModelReference.Parse(name);
            }
            catch (FormatException e)
            {
                throw new SweepSpecException(field.Path, field.Node.Display, e.Message);
            }

            return name;
        }

        var model = SpecFields.Open(field.Node, field.Path, "plugin", "type", "torchscript");
        if (model.Get("torchscript") is { } torchScript)
        {
            if ((model.Get("plugin") ?? model.Get("type")) is { } other)
            {
                throw new SweepSpecException(other.Path, other.Node.Display, "does not go with model.torchscript: a model is a plugin's type or a TorchScript module");
            }

            return new TorchScriptModelReference(SpecScalars.Text(torchScript)).ModelName;
        }

        var assembly = SpecScalars.Text(model.Require("plugin"));
        var type = model.Require("type");
        var typeName = SpecScalars.Text(type);
        if (typeName.Contains('#', StringComparison.Ordinal) || typeName.Trim().Length == 0)
        {
            throw new SweepSpecException(type.Path, type.Node.Display, "must be the full name of the plugin's model factory type (Namespace.Type)");
        }

        return new PluginModelReference(assembly, typeName).ModelName;
    }

    /// <summary>
    /// <c>trainer: simulated</c>, <c>trainer: {kind: simulated, epochSeconds: 0.5}</c>,
    /// <c>trainer: {kind: tabular, table: PATH, epochSeconds: 0.5}</c> or
    /// <c>trainer: {kind: command, run: [PROGRAM, ARGS…], stepsPerEpoch: N, lineTimeout: 10m}</c>.
    /// </summary>
    private static TrainerSpec BindTrainer((SpecNode Node, string Path) field)
    {
        if (field.Node is SpecScalar)
        {
            var plain = SpecScalars.Choice(field, Trainers);
            return plain switch
            {
                TrainerKind.Tabular => throw new SweepSpecException(field.Path, field.Node.Display, "needs its table: write trainer: {kind: tabular, table: PATH}"),
                TrainerKind.Command => throw new SweepSpecException(field.Path, field.Node.Display, "needs its program: write trainer: {kind: command, run: [PROGRAM, ARGS…], stepsPerEpoch: N}"),
                _ => new TrainerSpec(plain, SweepSpecDefaults.EpochSeconds),
            };
        }

        var trainer = SpecFields.Open(field.Node, field.Path, "kind", "epochSeconds", "table", "run", "stepsPerEpoch", "lineTimeout");
        var kind = SpecScalars.Choice(trainer.Require("kind"), Trainers);
        var epochSeconds = SweepSpecDefaults.EpochSeconds;
        if (trainer.Get("epochSeconds") is { } seconds)
        {
            // A real trainer's epoch takes what it takes: accepting the field would suggest it changes something.
            epochSeconds = kind is TrainerKind.Simulated or TrainerKind.Tabular
                ? SpecScalars.Number(seconds)
                : throw new SweepSpecException(seconds.Path, seconds.Node.Display, "applies only to trainer kinds simulated and tabular");
        }

        string? table = null;
        if (trainer.Get("table") is { } tableField)
        {
            table = kind == TrainerKind.Tabular
                ? SpecScalars.Text(tableField)
                : throw new SweepSpecException(tableField.Path, tableField.Node.Display, "applies only to trainer kind tabular");
        }
        else if (kind == TrainerKind.Tabular)
        {
            throw new SweepSpecException(SpecPath.Child(field.Path, "table"), "(missing)", "is required with trainer kind tabular: the table file of real runs to replay");
        }

        return new TrainerSpec(kind, epochSeconds, table, BindCommand(trainer, field.Path, kind));
    }

    /// <summary>The command trainer's fields: required with kind command, refused with any other kind.</summary>
    private static CommandTrainerSpec? BindCommand(SpecFields trainer, string path, TrainerKind kind)
    {
        if (kind != TrainerKind.Command)
        {
            foreach (var name in (ReadOnlySpan<string>)["run", "stepsPerEpoch", "lineTimeout"])
            {
                if (trainer.Get(name) is { } field)
                {
                    throw new SweepSpecException(field.Path, field.Node.Display, "applies only to trainer kind command");
                }
            }

            return null;
        }

        var run = trainer.Get("run")
            ?? throw new SweepSpecException(SpecPath.Child(path, "run"), "(missing)", "is required with trainer kind command: the program and its arguments, [PROGRAM, ARGS…]");
        var steps = trainer.Get("stepsPerEpoch")
            ?? throw new SweepSpecException(SpecPath.Child(path, "stepsPerEpoch"), "(missing)", "is required with trainer kind command: the optimizer steps in one epoch, which size the per-step schedule");
        return new CommandTrainerSpec(
            SpecScalars.List(run, SpecScalars.Text),
            SpecScalars.Integer(steps),
            trainer.Get("lineTimeout") is { } timeout ? BindDuration(timeout) : SweepSpecDefaults.CommandLineTimeout);
    }

    /// <summary>
    /// <c>dataset: fashion-mnist</c> (built in) or <c>dataset: {path: ./my-images, format: image-folder, shape: [3, 32, 32]}</c>
    /// with optional <c>label</c> (csv) and <c>split: {validation, test, seed}</c>; the spec carries the latter as the
    /// reference's canonical text (<see cref="DatasetReference"/>). <c>dataset: {plugin: PATH, type: TYPE}</c> is a
    /// user's .NET dataset provider (<see cref="PluginDatasetReference"/>).
    /// </summary>
    private static string BindDataset((SpecNode Node, string Path) field)
    {
        if (field.Node is SpecScalar)
        {
            var name = SpecScalars.Text(field);
            try
            {
                PluginDatasetReference.Parse(name);
            }
            catch (FormatException e)
            {
                throw new SweepSpecException(field.Path, field.Node.Display, e.Message);
            }

            return name;
        }

        if (field.Node is SpecMapping mapping && mapping.Entries.Any(entry => entry.Key == "plugin"))
        {
            return BindPluginDataset(field);
        }

        var dataset = SpecFields.Open(field.Node, field.Path, "path", "format", "shape", "label", "split");
        var path = SpecScalars.Text(dataset.Require("path"));
        var format = DatasetFileFormats.Infer(path);
        if (dataset.Get("format") is { } formatField)
        {
            var name = SpecScalars.Text(formatField);
            format = DatasetFileFormats.TryParse(name, out var named)
                ? named
                : throw new SweepSpecException(formatField.Path, formatField.Node.Display, $"is not a dataset format; choose {string.Join(", ", DatasetFileFormats.Names)}");
        }

        SampleShape? shape = null;
        if (dataset.Get("shape") is { } shapeField)
        {
            var dimensions = SpecScalars.List(shapeField, SpecScalars.Integer);
            shape = dimensions.Count is >= 1 and <= 3
                ? SampleShape.FromDimensions(dimensions)
                : throw new SweepSpecException(shapeField.Path, $"[{string.Join(", ", dimensions)}]", "must list 1 to 3 dimensions: [features], [height, width] or [channels, height, width]");
        }

        var reference = new DatasetReference(path, format, shape, dataset.Get("label") is { } label ? SpecScalars.Text(label) : null);
        if (dataset.Get("split") is { } splitField)
        {
            var split = SpecFields.Open(splitField.Node, splitField.Path, "validation", "test", "seed");
            reference = reference with
            {
                ValidationFraction = split.Get("validation") is { } validation ? SpecScalars.Number(validation) : reference.ValidationFraction,
                TestFraction = split.Get("test") is { } test ? SpecScalars.Number(test) : reference.TestFraction,
                SplitSeed = split.Get("seed") is { } seed ? SpecScalars.Integer(seed) : reference.SplitSeed,
            };
        }

        return reference.ToString();
    }

    /// <summary><c>dataset: {plugin: PATH, type: TYPE}</c>: the plugin's fields alone (its provider makes the samples and split).</summary>
    private static string BindPluginDataset((SpecNode Node, string Path) field)
    {
        var dataset = SpecFields.Open(field.Node, field.Path, "plugin", "type");
        var plugin = dataset.Require("plugin");
        var type = dataset.Require("type");
        var typeName = SpecScalars.Text(type);
        if (typeName.Contains('#', StringComparison.Ordinal) || typeName.Trim().Length == 0)
        {
            throw new SweepSpecException(type.Path, type.Node.Display, "must be the full name of the plugin's dataset provider type (Namespace.Type)");
        }

        return new PluginDatasetReference(SpecScalars.Text(plugin), typeName).DatasetName;
    }

    private static SearchSpace BindSearchSpace((SpecNode Node, string Path) field)
    {
        var space = SpecFields.Open(field.Node, field.Path, "maxLr", "weightDecay", "batchSize", "cycleEpochs", "momentum");
        var maxLr = SpecFields.Open(space.Require("maxLr").Node, SpecPath.Child(field.Path, "maxLr"), "min", "max");
        var momentum = space.Get("momentum") is { } momentumField
            ? SpecFields.Open(momentumField.Node, momentumField.Path, "base", "max")
            : null;
        return new SearchSpace(
            MaxLr: new LrRange(SpecScalars.Number(maxLr.Require("min")), SpecScalars.Number(maxLr.Require("max"))),
            WeightDecay: space.Get("weightDecay") is { } wd ? SpecScalars.List(wd, SpecScalars.Number) : SweepSpecDefaults.WeightDecay,
            BatchSize: space.Get("batchSize") is { } bs ? SpecScalars.List(bs, SpecScalars.Integer) : SweepSpecDefaults.BatchSize,
            CycleEpochs: space.Get("cycleEpochs") is { } cycles ? SpecScalars.List(cycles, SpecScalars.Integer) : SweepSpecDefaults.CycleEpochs,
            Momentum: new MomentumRange(
                momentum?.Get("base") is { } low ? SpecScalars.Number(low) : SweepSpecDefaults.BaseMomentum,
                momentum?.Get("max") is { } high ? SpecScalars.Number(high) : SweepSpecDefaults.MaxMomentum));
    }

    private static RangeTestSpec BindRangeTest((SpecNode Node, string Path)? field)
    {
        var rangeTest = field is { } present ? SpecFields.Open(present.Node, present.Path, "iterations", "startLr", "endLr", "seeds", "hessian") : null;
        return new RangeTestSpec(
            Iterations: rangeTest?.Get("iterations") is { } iterations ? SpecScalars.Integer(iterations) : SweepSpecDefaults.RangeTestIterations,
            StartLr: rangeTest?.Get("startLr") is { } start ? SpecScalars.Number(start) : SweepSpecDefaults.RangeTestStartLr,
            EndLr: rangeTest?.Get("endLr") is { } end ? SpecScalars.Number(end) : SweepSpecDefaults.RangeTestEndLr,
            Seeds: rangeTest?.Get("seeds") is { } seeds ? SpecScalars.Integer(seeds) : SweepSpecDefaults.RangeTestSeeds,
            Hessian: rangeTest?.Get("hessian") is { } hessian ? SpecScalars.Boolean(hessian) : SweepSpecDefaults.RangeTestHessian);
    }

    private static BudgetSpec BindBudget((SpecNode Node, string Path)? field)
    {
        var budget = field is { } present ? SpecFields.Open(present.Node, present.Path, "trialEpochs", "maxTrials", "wallTime") : null;
        return new BudgetSpec(
            TrialEpochs: budget?.Get("trialEpochs") is { } epochs ? SpecScalars.Integer(epochs) : SweepSpecDefaults.TrialEpochs,
            MaxTrials: budget?.Get("maxTrials") is { } trials ? SpecScalars.Integer(trials) : SweepSpecDefaults.MaxTrials,
            WallTime: budget?.Get("wallTime") is { } wallTime ? BindDuration(wallTime) : null);
    }

    private static TimeSpan BindDuration((SpecNode Node, string Path) field)
    {
        var text = field.Node is SpecScalar { Style: ScalarStyle.Text or ScalarStyle.Plain } scalar ? scalar.Text : null;
        return text is not null && WallTimeText.TryParse(text, out var duration)
            ? duration
            : throw new SweepSpecException(field.Path, field.Node.Display, "must be a duration such as 90s, 10m, 2h or 1h30m (units ms, s, m, h, d)");
    }

    private static DataSubsetSpec BindData((SpecNode Node, string Path) field)
    {
        var data = SpecFields.Open(field.Node, field.Path, "trainImages", "testImages");
        return new DataSubsetSpec(
            data.Get("trainImages") is { } train ? SpecScalars.Integer(train) : null,
            data.Get("testImages") is { } test ? SpecScalars.Integer(test) : null);
    }
}
