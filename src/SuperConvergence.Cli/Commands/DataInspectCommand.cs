using SuperConvergence.Training.Data.Files;

namespace SuperConvergence.Cli.Commands;

/// <summary>
/// `sc data inspect PATH`: what the trainer would read from a user's dataset, and every problem with it. A dataset
/// with problems still gets its report, then one line naming the first problem and exit 2.
/// </summary>
internal static class DataInspectCommand
{
    public static Command Create(CliConsole console)
    {
        var path = new Argument<string>("PATH") { Description = "An image folder, a .npz file, a folder of .npy files, or a .csv file (or a folder of train.csv, test.csv)" };
        var format = OutputFormats.Option(OutputFormat.Table, OutputFormat.Json);
        var dataset = new UserDatasetOptions();
        var command = new Command(
            "inspect",
            "Show what a dataset of your own holds: format, classes, counts per class and split, sample shape, normalisation statistics, " +
            "content fingerprint, and problems (corrupt files, empty classes, length mismatches, non-numeric cells).\n\nExamples:\n" +
            "  sc data inspect ./my-images --dataset-shape 3x32x32\n  sc data inspect features.npz --format json")
        {
            path, format,
        };
        dataset.AddTo(command);
        command.SetAction(parse =>
        {
            var reference = dataset.Resolve(parse, parse.GetValue(path)!, model: null, shapeOptional: true);
            DatasetInspection inspection;
            try
            {
                inspection = DatasetInspection.Of(reference);
            }
            catch (DatasetFormatException e)
            {
                throw new CliException(e.Message, ExitCodes.BadInput);
            }

            console.Out.WriteLine(OutputFormats.Parse(parse.GetValue(format)!) == OutputFormat.Json
                ? DatasetInspectionReport.Json(inspection)
                : DatasetInspectionReport.Text(inspection));
            return inspection.Problems.Count == 0
                ? ExitCodes.Ok
                : throw new CliException($"{inspection.Problems.Count} problem(s); the first: {inspection.Problems[0]}", ExitCodes.BadInput);
        });
        return command;
    }
}
