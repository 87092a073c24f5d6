using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Cli.Sweeps;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Cli.Tests.Sweeps;

public sealed class SweepCsvTests
{
    [Fact]
    public void Trial_rows_flatten_the_status_json_fields_with_empty_cells_for_missing_values()
    {
        var config = new TrialConfig("fashion-mnist", "resnet-small", 0.8, 25, 1e4, 5e-4, 256, 3, 0.85, 0.95, 1);
        var trained = new TrialSummary("s-000002", new TrainingProposal(config, 1, "bs=256,wd=5e-4"), TrialState.Completed, 2, 1, "w0/0", 0.9125, 3,
            new EpochMetrics(3, 0.2871, double.NaN, 0.9125, 0.0032, 1250));
        var rangeTest = new TrialSummary(
            "s-000001",
            new RangeTestProposal(new RangeTestConfig("fashion-mnist", "resnet-small", 1e-4, 10, 100, RangeTestRamp.Exponential, 5e-4, 256, 0.9, 1), "bs=256,wd=5e-4"),
            TrialState.Pending, 0, null, null, null, 0);
        var runningRangeTest = rangeTest with { TrialId = "s-000003", State = TrialState.Running, Attempts = 1, RangeTestProgress = new RangeTestProgress(24, 100, 0.0012, 1.875, 0.6) };
        var output = new StringWriter();

        SweepCsv.Write(output, SweepCsv.Header, [rangeTest, trained, runningRangeTest], SweepCsv.Row);

        Assert.Equal(
            """
            trialId,kind,state,attempts,resumedFromEpoch,worker,maxLr,minLr,weightDecay,batchSize,cycleEpochs,accuracy,epochsCompleted,latestEpoch,latestTrainLoss,latestTestLoss,latestTestAccuracy,rangeTestIterations,rangeTestPlannedIterations,rangeTestLearningRate,rangeTestLoss,rangeTestAccuracy
            s-000001,range-test,pending,0,,,,,0.0005,256,,,0,,,,,,,,,
            s-000002,train,completed,2,1,w0/0,0.8,0.032,0.0005,256,3,0.9125,3,3,0.2871,,0.9125,,,,,
            s-000003,range-test,running,1,,,,,0.0005,256,,,0,,,,,24,100,0.0012,1.875,0.6

            """.ReplaceLineEndings("\n"),
            output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Best_rows_are_ranked_and_free_text_is_quoted()
    {
        var output = new StringWriter();

        SweepCsv.Write(output, SweepCsv.BestHeader, [(new BestTrial("a,\"b\"", 1.2, 0.048, 1e-4, 512, 5, 0.93, 5), 0)], x => SweepCsv.BestRow(x.Item2 + 1, x.Item1));

        Assert.Equal("rank,trialId,maxLr,minLr,weightDecay,batchSize,cycleEpochs,accuracy,epochs\n1,\"a,\"\"b\"\"\",1.2,0.048,0.0001,512,5,0.93,5\n", output.ToString().ReplaceLineEndings("\n"));
    }
}
