using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials.Tabular;
using SuperConvergence.Training.Command;
using SuperConvergence.Training.Data.Files;
using SuperConvergence.Training.Data.Plugins;

namespace SuperConvergence.Training.Training;

/// <summary>
/// What a sweep needs of its trainer that Core's spec validation cannot know: with libtorch, a model and a dataset this
/// trainer has; with the tabular trainer, a table whose grid holds the search space
/// (<see cref="TabularSweepRequirements"/>); with the command trainer, a program that exists and may be run. Checked by the console before it submits and again by the coordinator
/// before it starts a sweep, so a misspelt model is one line at submit, not a sweep whose every trial fails. The
/// simulated trainer takes any names.
/// </summary>
public static class SweepTrainerRequirements
{
    public static IReadOnlyList<SweepSpecError> Problems(SweepSpec spec, TrialTableCache tables)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Trainer.Kind == TrainerKind.Tabular)
        {
            return TabularSweepRequirements.Problems(spec, tables);
        }

        if (spec.Trainer.Kind == TrainerKind.Command)
        {
            return spec.Trainer.Command is { Run.Count: > 0 } command && ProgramPath.Problem(command.Run[0]) is { } problem
                ? [new SweepSpecError("trainer.run[0]", $"'{command.Run[0]}'", problem)]
                : [];
        }

        if (spec.Trainer.Kind != TrainerKind.Torch)
        {
            return [];
        }

        var problems = new List<SweepSpecError>();
        var dataset = DatasetCatalog.Find(spec.Dataset);
        if (DatasetReference.TryParse(spec.Dataset) is { } reference)
        {
            problems.AddRange(UserDatasetRequirements.Problems(reference, spec.Model));
        }
        else if (PluginDatasetReference.Parse(spec.Dataset) is { } plugin)
        {
            // Loaded here, once, so a provider that is not one, or gives arrays that disagree, is one line at submit;
            // its shape then checks the model as a built-in dataset's does.
            try
            {
                dataset = PluginDatasets.Load(plugin, DataCache.DefaultDirectory());
                if (dataset.Shape is { Height: 1, Width: 1 } && ModelCatalog.IsConvolutional(spec.Model))
                {
                    problems.Add(new SweepSpecError("model", $"'{spec.Model}'", $"convolves images, but dataset '{dataset.DisplayName}' holds feature vectors; use model {ModelCatalog.Mlp}"));
                }
            }
            catch (DatasetFormatException e)
            {
                problems.Add(new SweepSpecError("dataset", $"'{spec.Dataset}'", e.Problem));
            }
        }
        else if (dataset is null)
        {
            problems.Add(new SweepSpecError("dataset", $"'{spec.Dataset}'", $"is not a dataset this trainer has; known: {string.Join(", ", DatasetCatalog.Names)}"));
        }

        // A model from a file is built once for the dataset's images, so a wrong class count is one line at submit.
        var modelProblem = dataset is null
            ? (ModelCatalog.Exists(spec.Model) || ModelCatalog.NamesAFile(spec.Model) ? null : ModelCatalog.Problem(spec.Model, default, 0))
            : ModelCatalog.Problem(spec.Model, dataset.Shape, dataset.ClassCount);
        if (modelProblem is not null)
        {
            problems.Add(new SweepSpecError("model", $"'{spec.Model}'", modelProblem));
        }

        return problems;
    }

    /// <summary>Throws <see cref="SweepSpecException"/> with every problem (the first in its message) when there is one.</summary>
    public static SweepSpec Require(SweepSpec spec, TrialTableCache tables)
    {
        var problems = Problems(spec, tables);
        return problems.Count == 0 ? spec : throw new SweepSpecException(problems);
    }
}
