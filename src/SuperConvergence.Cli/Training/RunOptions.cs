using SuperConvergence.Cli.Commands;
using SuperConvergence.Core.Datasets;
using SuperConvergence.Training.Data.Plugins;
using SuperConvergence.Training.Models;
using static TorchSharp.torch;

namespace SuperConvergence.Cli.Training;

/// <summary>What a validated set of <see cref="RunOptions"/> describes.</summary>
internal sealed record ResolvedRun(
    string Dataset,
    ModelSetup Setup,
    DataSelection Selection,
    int BatchSize,
    Device Device,
    string DeviceName,
    DatasetStore Store);

/// <summary>
/// The options `sc train` and `sc rangetest run` share: data, model, optimiser, device, seed. Validation turns every
/// bad value into a one-line error naming the option and the value (exit 2).
/// </summary>
internal sealed class RunOptions
{
    private readonly Option<string> _dataset = new("--dataset") { Description = $"Dataset: {string.Join(", ", DatasetCatalog.Names)}, the PATH of your own (an image folder, .npz, .npy folder or .csv; docs/training.md), or a .NET plugin's plugin:PATH.dll#Namespace.ProviderType", DefaultValueFactory = _ => "fashion-mnist" };
    private readonly UserDatasetOptions _userDataset = new();
    private readonly Option<string> _model = new("--model") { Description = $"Model: {string.Join(", ", ModelCatalog.Names)}, a .NET plugin's plugin:PATH.dll#Namespace.FactoryType, or a TorchScript module's torchscript:PATH", DefaultValueFactory = _ => ModelCatalog.SmallResNet };
    private readonly Option<double> _width = new("--width") { Description = "Width multiplier on every layer's channels", DefaultValueFactory = _ => 1.0 };
    private readonly Option<int> _batchSize = new("--batch-size") { Description = "Images per step", DefaultValueFactory = _ => 256 };
    private readonly Option<double> _weightDecay = new("--weight-decay") { Description = "L2 weight decay (SGD) or decoupled decay (AdamW)", DefaultValueFactory = _ => 5e-4 };
    private readonly Option<string> _optimizer = new("--optimizer") { Description = "sgd or adamw (the schedule's momentum drives Adam's beta1)", DefaultValueFactory = _ => "sgd" };
    private readonly Option<bool> _nesterov = new("--nesterov") { Description = "Nesterov momentum (SGD; needs a momentum above 0)" };
    private readonly Option<int> _seed = new("--seed") { Description = "Seed for weights, data order and augmentation", DefaultValueFactory = _ => 1 };
    private readonly Option<string> _device = new("--device") { Description = "cpu, cuda or auto", DefaultValueFactory = _ => "auto" };
    private readonly Option<int?> _trainSubset = new("--train-subset") { Description = "Train on the first N training images only (quick runs)" };
    private readonly Option<int?> _testSubset = new("--test-subset") { Description = "Evaluate on the first N test images only" };
    private readonly Option<int> _validation = new("--validation") { Description = "Carve N images from train as a validation set: sc train reports its loss and accuracy every epoch, range tests measure accuracy on it", DefaultValueFactory = _ => 0 };
    private readonly Option<string?> _cacheDirectory = CommonOptions.CacheDirectory();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _dataset, _model, _width, _batchSize, _weightDecay, _optimizer, _nesterov, _seed, _device, _trainSubset, _testSubset, _validation, _cacheDirectory })
        {
            command.Options.Add(option);
        }

        _userDataset.AddTo(command);
    }

    public ResolvedRun Resolve(ParseResult parse)
    {
        var datasetName = parse.GetValue(_dataset)!;
        var modelName = parse.GetValue(_model)!;
        var cache = CommonOptions.ResolveCacheDirectory(parse, _cacheDirectory);
        var definition = DatasetCatalog.Find(datasetName) ?? PluginDataset(datasetName, cache);
        // A dataset of your own is read when the run starts: until then a plugin model cannot be built for its shape.
        var modelProblem = definition is not null ? ModelCatalog.Problem(modelName, definition.Shape, definition.ClassCount)
            : ModelCatalog.Exists(modelName) || ModelCatalog.NamesAFile(modelName) ? null
            : ModelCatalog.Problem(modelName, default, 0);
        if (modelProblem is not null)
        {
            throw CliException.BadInput("--model", modelName, modelProblem);
        }

        var datasetText = definition?.Name ?? _userDataset.Resolve(parse, datasetName, modelName).ToString();

        var widthValue = parse.GetValue(_width);
        OptionChecks.Require(widthValue is > 0 and <= 16, "--width", widthValue, "must lie in (0, 16]");
        var batch = parse.GetValue(_batchSize);
        OptionChecks.Require(batch >= 2, "--batch-size", batch, "must be at least 2 (batch norm needs two images)");
        var decay = parse.GetValue(_weightDecay);
        OptionChecks.Require(double.IsFinite(decay) && decay >= 0, "--weight-decay", decay, "must be a finite number ≥ 0");
        var optimizerKind = parse.GetValue(_optimizer)!.ToLowerInvariant() switch
        {
            "sgd" => OptimizerKind.Sgd,
            "adamw" => OptimizerKind.AdamW,
            var other => throw CliException.BadInput("--optimizer", other, "is not an optimiser; choose sgd or adamw"),
        };
        var useNesterov = parse.GetValue(_nesterov);
        OptionChecks.Require(!useNesterov || optimizerKind == OptimizerKind.Sgd, "--nesterov", "adamw", "applies to SGD only");
        var train = parse.GetValue(_trainSubset);
        OptionChecks.Require(train is null or >= 2, "--train-subset", train, "must be at least 2");
        var test = parse.GetValue(_testSubset);
        OptionChecks.Require(test is null or >= 1, "--test-subset", test, "must be at least 1");
        var carved = parse.GetValue(_validation);
        OptionChecks.Require(carved >= 0, "--validation", carved, "must be ≥ 0");

        var deviceName = parse.GetValue(_device)!;
        if (!TrainingDevice.TryResolve(deviceName, out var resolvedDevice, out var deviceProblem))
        {
            throw CliException.BadInput("--device", deviceName, deviceProblem);
        }

        var settings = new OptimizerSettings(optimizerKind, decay, useNesterov);
        var setup = new ModelSetup(modelName.ToLowerInvariant(), widthValue, settings, parse.GetValue(_seed));
        var store = new DatasetStore(cache);
        return new ResolvedRun(datasetText, setup, new DataSelection(train, carved, test), batch, resolvedDevice, resolvedDevice.type.ToString().ToLowerInvariant(), store);
    }

    /// <summary>A plugin's dataset, loaded now so that what it gives, and the model, are checked before the run; null for any other name.</summary>
    private static PluginDatasetDefinition? PluginDataset(string name, string cacheDirectory)
    {
        try
        {
            return PluginDatasetReference.Parse(name) is { } plugin ? PluginDatasets.Load(plugin, cacheDirectory) : null;
        }
        catch (FormatException e)
        {
            throw CliException.BadInput("--dataset", name, e.Message);
        }
        catch (DatasetFormatException e)
        {
            throw CliException.BadInput("--dataset", name, e.Problem);
        }
    }
}
