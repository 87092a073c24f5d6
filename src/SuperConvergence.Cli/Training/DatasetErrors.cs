using SuperConvergence.Training.Data;

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
