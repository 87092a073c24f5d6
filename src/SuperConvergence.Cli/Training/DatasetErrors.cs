using SuperConvergence.Core.Datasets;

namespace SuperConvergence.Cli.Training;

/// <summary>Loads a run's data, turning what can go wrong into the CLI's one-line errors and exit codes.</summary>
internal static class DatasetErrors
{
    public static PreparedData Prepare(ResolvedRun run)
    {
        try
        {
            return run.Store.Prepare(run.Dataset, run.Selection).Data;
        }
        catch (DatasetNotCachedException e)
        {
            throw new CliException(e.Message, ExitCodes.NotFound, $"or place the files by hand; `sc data list` shows the cache ({run.Store.CacheDirectory})");
        }
        catch (DatasetFormatException e) when (DatasetReference.TryParse(run.Dataset) is not null || PluginDatasetReference.Parse(run.Dataset) is not null)
        {
            // The user's own files: a corrupt image, an empty class, a bad cell is bad input, named by file (and row).
            throw new CliException(e.Message, ExitCodes.BadInput, "`sc data inspect PATH` lists every problem the dataset has");
        }
        catch (DatasetFormatException e)
        {
            throw new CliException(e.Message, ExitCodes.Failure, $"`sc data get {run.Dataset} --force` fetches the files again");
        }
        catch (ArgumentOutOfRangeException e) when (e.ParamName == nameof(DataSelection.ValidationCount))
        {
            throw CliException.BadInput("--validation", run.Selection.ValidationCount, "must be smaller than the training set");
        }
    }
}
