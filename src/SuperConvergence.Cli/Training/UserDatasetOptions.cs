using SuperConvergence.Core.Datasets;
using SuperConvergence.Training.Data.Files;

namespace SuperConvergence.Cli.Training;

/// <summary>
/// How a command names a user's dataset by its path: --dataset-format, --dataset-shape and --dataset-label, the
/// command-line forms of a spec's <c>dataset: {path, format, shape, label}</c> (docs/training.md). Shared by `sc train`,
/// `sc rangetest run` and `sc data inspect`.
/// </summary>
internal sealed class UserDatasetOptions
{
    private readonly Option<string?> _format = new("--dataset-format") { Description = $"Format of a dataset given by path: {string.Join(", ", DatasetFileFormats.Names)} (default: from the extension; a folder is an image folder)" };
    private readonly Option<string?> _shape = new("--dataset-shape") { Description = "Shape samples are read as, CxHxW (e.g. 3x32x32: images are resized to it), HxW or F; required for an image folder in training" };
    private readonly Option<string?> _label = new("--dataset-label") { Description = $"The label column of a CSV dataset (default: {DatasetReference.DefaultLabelColumn})" };

    public void AddTo(Command command)
    {
        command.Options.Add(_format);
        command.Options.Add(_shape);
        command.Options.Add(_label);
    }

    /// <summary>The reference <paramref name="path"/> and the options stand for; bad input as one line naming the option (exit 2).</summary>
    public DatasetReference Resolve(ParseResult parse, string path, string? model, bool shapeOptional = false)
    {
        if (UserDatasetRequirements.Unreadable(path) is { } unreadable)
        {
            var known = DatasetCatalog.Names.Contains(path, StringComparer.OrdinalIgnoreCase) ? "" : $" and is not a known dataset ({string.Join(", ", DatasetCatalog.Names)})";
            throw CliException.BadInput("--dataset", path, unreadable + known);
        }

        var formatName = parse.GetValue(_format);
        var fileFormat = DatasetFileFormats.Infer(path);
        if (formatName is not null && !DatasetFileFormats.TryParse(formatName, out fileFormat))
        {
            throw CliException.BadInput("--dataset-format", formatName, $"is not a dataset format; choose {string.Join(", ", DatasetFileFormats.Names)}");
        }

        SampleShape? sampleShape = null;
        if (parse.GetValue(_shape) is { } shapeText)
        {
            sampleShape = SampleShape.TryParse(shapeText, out var parsed)
                ? parsed
                : throw CliException.BadInput("--dataset-shape", shapeText, "must be CxHxW, HxW or F in whole numbers, e.g. 3x32x32");
        }

        var reference = new DatasetReference(Path.GetFullPath(path), fileFormat, sampleShape, parse.GetValue(_label));
        foreach (var (field, value, problem) in reference.Problems())
        {
            if (!(shapeOptional && field == "shape" && sampleShape is null))
            {
                throw CliException.BadInput(OptionFor(field), value.Trim('\''), problem);
            }
        }

        if (model is not null && UserDatasetRequirements.Problems(reference, model).FirstOrDefault(p => p.Field == "model") is { } misfit)
        {
            throw CliException.BadInput("--model", model, misfit.Problem);
        }

        return reference;
    }

    private static string OptionFor(string field) => field switch
    {
        "shape" => "--dataset-shape",
        "label" => "--dataset-label",
        "format" => "--dataset-format",
        _ => "--dataset",
    };
}
