using System.Globalization;
using System.Text;
using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Abstractions.Trials;

namespace SuperConvergence.Cli.Sweeps;

/// <summary>`sc sweep export --format csv`: one row per trial, the status JSON's trial fields flattened.</summary>
public static class SweepCsv
{
    public const string Header = "trialId,kind,state,attempts,resumedFromEpoch,worker,maxLr,minLr,weightDecay,batchSize,cycleEpochs,accuracy,epochsCompleted";

    public static string Row(TrialSummary t)
    {
        var config = t.Proposal.Train;
        var rangeTest = t.Proposal.RangeTest;
        var cells = new[]
        {
            Text(t.TrialId), SweepJson.Wire(t.Kind), t.State.ToWire(), Int(t.Attempts), Int(t.ResumedFromEpoch), Text(t.Worker),
            Number(config?.MaxLr), Number(config?.MinLr), Number(config?.WeightDecay ?? rangeTest?.WeightDecay),
            Int(config?.BatchSize ?? rangeTest?.BatchSize), Int(config?.CycleEpochs), Number(t.Accuracy), Int(t.EpochsCompleted),
        };
        return string.Join(',', cells);
    }

    private static string Number(double? value) =>
        value is double v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Int(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

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
