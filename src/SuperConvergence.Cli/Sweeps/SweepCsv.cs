using SuperConvergence.Core.Search;

namespace SuperConvergence.Cli.Sweeps;

/// <summary>
/// The CSV of the sweep and trial queries (docs/cli-json.md): `sc sweep export` and `sweep status`, one row per trial
/// with the status JSON's trial fields flattened; `sweep best`, `sweep list`, and `trial show`'s epochs.
/// </summary>
public static class SweepCsv
{
    public const string Header = "trialId,kind,state,attempts,resumedFromEpoch,worker,maxLr,minLr,weightDecay,batchSize,cycleEpochs,accuracy,epochsCompleted,latestEpoch,latestTrainLoss,latestTestLoss,latestTestAccuracy,rangeTestIterations,rangeTestPlannedIterations,rangeTestLearningRate,rangeTestLoss,rangeTestAccuracy";

    public static string Row(TrialSummary t)
    {
        var config = t.Config;
        var rangeTest = t.RangeTestConfig;
        var cells = new[]
        {
            Text(t.TrialId), t.Kind.ToWire(), t.State.ToWire(), Int(t.Attempts), Int(t.ResumedFromEpoch), Text(t.Worker),
            Number(config?.MaxLr), Number(config?.MinLr), Number(config?.WeightDecay ?? rangeTest?.WeightDecay),
            Int(config?.BatchSize ?? rangeTest?.BatchSize), Int(config?.CycleEpochs), Number(t.Accuracy), Int(t.EpochsCompleted),
            Int(t.LatestEpoch?.Epoch), Number(t.LatestEpoch?.TrainLoss), Number(t.LatestEpoch?.TestLoss), Number(t.LatestEpoch?.TestAccuracy),
            Int(t.RangeTestProgress?.Iterations), Int(t.RangeTestProgress?.PlannedIterations), Number(t.RangeTestProgress?.LearningRate),
            Number(t.RangeTestProgress?.Loss), Number(t.RangeTestProgress?.Accuracy),
        };
        return string.Join(',', cells);
    }

    public const string BestHeader = "rank,trialId,maxLr,minLr,weightDecay,batchSize,cycleEpochs,accuracy,epochs";

    public static string BestRow(int rank, BestTrial b) => string.Join(',',
        Int(rank), Text(b.TrialId), Number(b.MaxLr), Number(b.MinLr), Number(b.WeightDecay), Int(b.BatchSize), Int(b.CycleEpochs), Number(b.Accuracy), Int(b.Epochs));

    public const string ListHeader = "sweepId,name,state,createdAt";

    public static string ListRow(SweepListing s) => string.Join(',',
        Text(s.SweepId), Text(s.Name), SweepJson.Wire(s.State), s.CreatedAt.ToString("O", CultureInfo.InvariantCulture));

    public const string EpochHeader = "epoch,trainLoss,testLoss,testAccuracy,learningRate,imagesPerSecond";

    public static string EpochRow(EpochMetrics e) => string.Join(',',
        Int(e.Epoch), Number(e.TrainLoss), Number(e.TestLoss), Number(e.TestAccuracy), Number(e.LearningRate), Number(e.ImagesPerSecond));

    /// <summary>Writes a header and one row per item.</summary>
    public static void Write<T>(TextWriter output, string header, IEnumerable<T> items, Func<T, string> row)
    {
        output.WriteLine(header);
        foreach (var item in items)
        {
            output.WriteLine(row(item));
        }
    }

    internal static string Number(double? value) =>
        value is double v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    internal static string Int(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>RFC 4180 quoting for the fields that are free text.</summary>
    private static string Text(string? value)
    {
        if (value is null)
        {
            return "";
        }

        if (value.IndexOfAny([',', '"', '\n', '\r']) < 0)
        {
            return value;
        }

        var quoted = new StringBuilder(value.Length + 2).Append('"');
        quoted.Append(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        return quoted.Append('"').ToString();
    }
}
