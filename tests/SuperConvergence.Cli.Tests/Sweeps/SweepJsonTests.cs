using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Cli.Sweeps;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Cli.Tests.Sweeps;

public sealed class SweepJsonTests
{
    private static readonly TrialConfig Config = new("fashion-mnist", "resnet-small", 0.8, 25, 1e4, 5e-4, 256, 3, 0.85, 0.95, 1);

    [Fact]
    public void Status_json_keeps_the_documented_contract()
    {
        var trial = new TrialSummary("s-000002", new TrainingProposal(Config, 1, "bs=256,wd=5e-4"), TrialState.Completed, 2, 1, "w0/0", 0.9125, 3,
            new EpochMetrics(3, 0.2871, 0.3012, 0.9125, 0.0032, 1250));
        var rangeTest = new TrialSummary(
            "s-000001",
            new RangeTestProposal(new RangeTestConfig("fashion-mnist", "resnet-small", 1e-4, 10, 100, RangeTestRamp.Exponential, 5e-4, 256, 0.9, 1), "bs=256,wd=5e-4"),
            TrialState.Running, 1, null, null, null, 0, null, new RangeTestProgress(24, 100, 0.0012, double.NaN));
        var status = new SweepStatus(
            "s", "demo", SweepState.Running, 1, new LrRange(0.1, 2.5), "narrowing", 2,
            new Dictionary<TrialState, int> { [TrialState.Running] = 1, [TrialState.Completed] = 1 }, 0, [rangeTest, trial], 3, null, null,
            [new RoundBounds(1, new LrRange(0.1, 2.5), 0.9125)], "range tests");

        var json = SweepJson.Status(status);

        Assert.Equal(
            """
            {
              "sweepId": "s",
              "name": "demo",
              "state": "running",
              "round": 1,
              "bounds": {
                "min": 0.1,
                "max": 2.5
              },
              "phase": "narrowing",
              "boundsSource": "range tests",
              "firstFailure": null,
              "totalTrials": 2,
              "counts": {
                "completed": 1,
                "running": 1
              },
              "trialEpochsUsed": 3,
              "createdAt": null,
              "finishedAt": null,
              "history": [
                {
                  "round": 1,
                  "min": 0.1,
                  "max": 2.5,
                  "bestAccuracy": 0.9125
                }
              ],
              "trialOffset": 0,
              "trials": [
                {
                  "trialId": "s-000001",
                  "kind": "range-test",
                  "state": "running",
                  "attempts": 1,
                  "resumedFromEpoch": null,
                  "worker": null,
                  "config": {
                    "maxLr": null,
                    "minLr": null,
                    "weightDecay": 0.0005,
                    "batchSize": 256,
                    "cycleEpochs": null
                  },
                  "accuracy": null,
                  "epochsCompleted": 0,
                  "latest": null,
                  "rangeTest": {
                    "iterations": 24,
                    "plannedIterations": 100,
                    "learningRate": 0.0012,
                    "loss": null,
                    "accuracy": null
                  }
                },
                {
                  "trialId": "s-000002",
                  "kind": "train",
                  "state": "completed",
                  "attempts": 2,
                  "resumedFromEpoch": 1,
                  "worker": "w0/0",
                  "config": {
                    "maxLr": 0.8,
                    "minLr": 0.032,
                    "weightDecay": 0.0005,
                    "batchSize": 256,
                    "cycleEpochs": 3
                  },
                  "accuracy": 0.9125,
                  "epochsCompleted": 3,
                  "latest": {
                    "epoch": 3,
                    "trainLoss": 0.2871,
                    "testLoss": 0.3012,
                    "testAccuracy": 0.9125
                  },
                  "rangeTest": null
                }
              ]
            }
            """.ReplaceLineEndings("\n"),
            json.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Best_json_is_an_array_of_full_configs_and_writes_no_nan()
    {
        var json = SweepJson.Best([new BestTrial("s-000007", 1.2, 0.048, 1e-4, 512, 5, 0.93, 5), new BestTrial("s-000003", 0.5, 0.02, 5e-4, 256, 3, double.NaN, 3)]);

        Assert.Equal(
            """
            [
              {
                "trialId": "s-000007",
                "maxLr": 1.2,
                "minLr": 0.048,
                "weightDecay": 0.0001,
                "batchSize": 512,
                "cycleEpochs": 5,
                "accuracy": 0.93,
                "epochs": 5
              },
              {
                "trialId": "s-000003",
                "maxLr": 0.5,
                "minLr": 0.02,
                "weightDecay": 0.0005,
                "batchSize": 256,
                "cycleEpochs": 3,
                "accuracy": null,
                "epochs": 3
              }
            ]
            """.ReplaceLineEndings("\n"),
            json.ReplaceLineEndings("\n"));
    }
}
