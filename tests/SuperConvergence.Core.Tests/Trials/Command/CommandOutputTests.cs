using SuperConvergence.Core.Trials.Command;

namespace SuperConvergence.Core.Tests.Trials.Command;

/// <summary>The protocol's stdout lines: what is read from them, and the one-line refusal of each bad one.</summary>
public sealed class CommandOutputTests
{
    [Fact]
    public void An_epoch_line_gives_its_metrics_and_takes_the_planned_lr_and_measured_throughput_when_it_names_none()
    {
        var line = CommandOutput.Epoch("""{"epoch": 2, "train_loss": 0.5, "test_loss": 0.6, "accuracy": 0.81, "validation_loss": 0.7, "note": "ignored"}""", 7, 2, 0.3, 1234);

        Assert.False(line.Diverged);
        Assert.Equal(new EpochMetricsView(2, 0.5, 0.6, 0.81, 0.3, 1234, 0.7, null), EpochMetricsView.Of(line.Metrics!));

        var named = CommandOutput.Epoch("""{"epoch": 1, "train_loss": 1, "test_loss": 1, "accuracy": 0.5, "lr": 0.01, "images_per_second": 99}""", 1, 1, 0.3, 1234);
        Assert.Equal((0.01, 99.0), (named.Metrics!.LearningRate, named.Metrics.ImagesPerSecond));
    }

    [Fact]
    public void A_diverged_line_ends_the_run()
    {
        Assert.True(CommandOutput.Epoch("""{"diverged": true}""", 3, 3, 0.3, 0).Diverged);
    }

    [Fact]
    public void An_iteration_line_gives_its_point()
    {
        var point = CommandOutput.Iteration("""{"iteration": 5, "loss": 2.1, "accuracy": 0.2}""", 5, 5, 1e-4);

        Assert.Equal((1e-4, 2.1, (double?)0.2), (point.LearningRate, point.Loss, point.Accuracy));
    }

    [Theory]
    [InlineData("hello", "stdout line 4: 'hello' is not a JSON object (stdout carries protocol lines only; write logs to stderr)")]
    [InlineData("[1, 2]", "stdout line 4: '[1, 2]' is not a JSON object (stdout carries protocol lines only; write logs to stderr)")]
    [InlineData("""{"epoch": 3, "train_loss": NaN, "test_loss": 1, "accuracy": 0.5}""", "stdout line 4: '{\"epoch\": 3, \"train_loss\": NaN, \"test_loss\": 1, \"accuracy\": 0.5}' holds a non-finite number (NaN or Infinity); a run that blows up prints {\"diverged\": true} instead")]
    [InlineData("""{"epoch": 3, "train_loss": 1e999, "test_loss": 1, "accuracy": 0.5}""", "stdout line 4: train_loss: 1e999 must be a finite number")]
    [InlineData("""{"epoch": 2, "train_loss": 1, "test_loss": 1, "accuracy": 0.5}""", "stdout line 4: epoch: 2 is out of order: epoch 3 is due")]
    [InlineData("""{"epoch": "3", "train_loss": 1, "test_loss": 1, "accuracy": 0.5}""", "stdout line 4: epoch: \"3\" must be a whole number")]
    [InlineData("""{"train_loss": 1, "test_loss": 1, "accuracy": 0.5}""", "stdout line 4: epoch: (missing) is required: this line should report epoch 3")]
    [InlineData("""{"epoch": 3, "test_loss": 1, "accuracy": 0.5}""", "stdout line 4: train_loss: (missing) is required")]
    [InlineData("""{"epoch": 3, "train_loss": 1, "test_loss": 1, "accuracy": 93.1}""", "stdout line 4: accuracy: 93.1 must be a fraction between 0 and 1")]
    [InlineData("""{"diverged": false}""", "stdout line 4: diverged: false must be true (leave it out until the run blows up)")]
    public void A_bad_epoch_line_names_the_line_the_field_and_the_value(string text, string message)
    {
        var error = Assert.Throws<CommandProtocolException>(() => CommandOutput.Epoch(text, 4, 3, 0.3, 0));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("""{"iteration": 1, "loss": 2}""", "stdout line 9: iteration: 1 is out of order: iteration 2 is due")]
    [InlineData("""{"iteration": 2, "loss": 2, "lr": -1}""", "stdout line 9: lr: -1 must be > 0")]
    [InlineData("""{"iteration": 2}""", "stdout line 9: loss: (missing) is required")]
    public void A_bad_iteration_line_names_the_line_the_field_and_the_value(string text, string message)
    {
        var error = Assert.Throws<CommandProtocolException>(() => CommandOutput.Iteration(text, 9, 2, 0.1));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_long_line_is_shortened_in_the_message()
    {
        var error = Assert.Throws<CommandProtocolException>(() => CommandOutput.Epoch(new string('x', 500), 1, 1, 0.3, 0));

        Assert.Contains($"'{new string('x', 80)}…'", error.Message, StringComparison.Ordinal);
    }

    private sealed record EpochMetricsView(int Epoch, double TrainLoss, double TestLoss, double Accuracy, double Lr, double ImagesPerSecond, double? ValidationLoss, double? ValidationAccuracy)
    {
        public static EpochMetricsView Of(Core.Trials.EpochMetrics m) =>
            new(m.Epoch, m.TrainLoss, m.TestLoss, m.TestAccuracy, m.LearningRate, m.ImagesPerSecond, m.ValidationLoss, m.ValidationAccuracy);
    }
}
