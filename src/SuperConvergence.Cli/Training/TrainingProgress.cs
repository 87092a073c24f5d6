using Spectre.Console;
using SuperConvergence.Training.Checkpoints;

namespace SuperConvergence.Cli.Training;

/// <summary>
/// What `sc train` shows while it runs: a progress bar per epoch at a terminal (Spectre), one plain line per
/// epoch otherwise. Also saves each epoch's checkpoint when a checkpoint directory was given.
/// </summary>
internal sealed class TrainingProgress(CliConsole console, CheckpointDirectory? checkpoints, int stepsPerEpoch, int epochs) : TrainingCallbacks
{
    private ProgressContext? _bars;
    private ProgressTask? _currentBar;

    public override bool WantsCheckpoints => checkpoints is not null;

    /// <summary>Runs <paramref name="training"/> under the display that suits the console.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> training)
    {
        if (!console.AllowsDecoration)
        {
            return await training();
        }

        var ansi = SweepTables.ConsoleFor(console);
        return await ansi.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                _bars = context;
                return await training();
            });
    }

    public override void OnIteration(in IterationMetrics metrics)
    {
        if (_bars is null)
        {
            return;
        }

        _currentBar ??= _bars.AddTask($"epoch {metrics.Epoch}/{epochs}", maxValue: stepsPerEpoch);

        _currentBar!.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {metrics.Epoch}/{epochs}: loss {metrics.Loss:F3}, lr {metrics.LearningRate:G3}");
        _currentBar.Increment(1);
    }

    public override ValueTask OnEpochCompletedAsync(EpochMetrics metrics, TrainingCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        if (checkpoint is not null)
        {
            checkpoints!.Save(checkpoint, metrics);
        }

        if (_currentBar is not null)
        {
            // A bar's label shares the line with the bar: keep it short.
            var validation = metrics.ValidationAccuracy is { } accuracy ? string.Create(CultureInfo.InvariantCulture, $"validation {accuracy:P2}, ") : "";
            _currentBar.Description = string.Create(
                CultureInfo.InvariantCulture, $"epoch {metrics.Epoch}/{epochs}: {validation}test {metrics.TestAccuracy:P2}, loss {metrics.TestLoss:F4}");
            _currentBar.StopTask();
            _currentBar = null;
        }
        else
        {
            console.Out.WriteLine(Describe(metrics));
        }

        return ValueTask.CompletedTask;
    }

    private string Describe(EpochMetrics m) => string.Create(
        CultureInfo.InvariantCulture,
        $"epoch {m.Epoch}/{epochs}: train loss {m.TrainLoss:F4}, {DescribeValidation(m)}test loss {m.TestLoss:F4}, test accuracy {m.TestAccuracy:P2}, lr {m.LearningRate:G4}, {m.ImagesPerSecond:F0} images/s");

    private static string DescribeValidation(EpochMetrics m) => m.ValidationLoss is { } loss && m.ValidationAccuracy is { } accuracy
        ? string.Create(CultureInfo.InvariantCulture, $"validation loss {loss:F4}, validation accuracy {accuracy:P2}, ")
        : "";
}
