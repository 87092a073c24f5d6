namespace SuperConvergence.Core.Trials.Command;

/// <summary>A range test's <c>config.json</c>: its LR ramp.</summary>
public sealed record CommandRangeTestConfig : CommandTrialConfig
{
    public CommandRangeTestConfig(TrialRun run, RangeTestConfig config, string schedule)
        : base(run, "range_test", config.Dataset, config.Model, config.Seed, config.BatchSize, config.WeightDecay, config.TrainImages, config.TestImages, schedule)
    {
        (StartLr, EndLr, Iterations) = (config.StartLr, config.EndLr, config.Iterations);
        (Ramp, Momentum, AccuracyEvery) = (config.Ramp.ToString().ToLowerInvariant(), config.Momentum, config.AccuracyEvery);
    }

    public double StartLr { get; }

    public double EndLr { get; }

    public int Iterations { get; }

    public string Ramp { get; }

    public double Momentum { get; }

    public int AccuracyEvery { get; }
}
