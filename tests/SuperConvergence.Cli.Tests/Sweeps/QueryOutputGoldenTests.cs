using System.Text.Json.Nodes;
using SuperConvergence.Cli.Sweeps;

namespace SuperConvergence.Cli.Tests.Sweeps;

/// <summary>The JSON and CSV of sweep list, submit, export and trial show, pinned as docs/cli-json.md describes them.</summary>
public sealed class QueryOutputGoldenTests
{
    [Fact]
    public void Sweep_list_json_is_newest_first_objects_with_id_name_state_and_creation_time()
    {
        Assert.Equal(
            """
            [
              {
                "sweepId": "demo-20261123-000232-d1af",
                "name": "demo",
                "state": "running",
                "createdAt": "2026-11-23T00:02:32+00:00"
              },
              {
                "sweepId": "grid, \"quoted\"-20261122-0a1b",
                "name": "grid, \"quoted\"",
                "state": "completed",
                "createdAt": "2026-11-22T00:02:32+00:00"
              }
            ]
            """,
            SweepJson.List(SampleRecords.Listings));
    }

    [Fact]
    public void Sweep_list_csv_quotes_free_text()
    {
        Assert.Equal(
            """"
            sweepId,name,state,createdAt
            demo-20261123-000232-d1af,demo,running,2026-11-23T00:02:32.0000000+00:00
            "grid, ""quoted""-20261122-0a1b","grid, ""quoted""",completed,2026-11-22T00:02:32.0000000+00:00

            """",
            Csv(o => SweepCsv.Write(o, SweepCsv.ListHeader, SampleRecords.Listings, SweepCsv.ListRow)));
    }

    [Fact]
    public void Submit_json_is_the_new_sweep_id()
    {
        Assert.Equal(
            """
            {
              "sweepId": "s-20261123-000232-d1af"
            }
            """,
            SweepJson.SweepId("s-20261123-000232-d1af"));
    }

    [Fact]
    public void Export_json_is_an_array_of_trials_as_in_the_status_json()
    {
        Assert.Equal(
            """
            [
              {
                "trialId": "s-000003",
                "kind": "train",
                "state": "running",
                "attempts": 1,
                "resumedFromEpoch": null,
                "worker": "w1/0",
                "config": {
                  "maxLr": 2.5,
                  "minLr": 0.1,
                  "weightDecay": 0.0005,
                  "batchSize": 256,
                  "cycleEpochs": 3
                },
                "accuracy": null,
                "epochsCompleted": 1,
                "latest": null,
                "rangeTest": null
              }
            ]
            """,
            SweepJson.Trials([SampleRecords.Trials[2]]));
        var statusTrials = JsonNode.Parse(SweepJson.Status(SampleRecords.Status))!["trials"];
        Assert.True(JsonNode.DeepEquals(statusTrials, JsonNode.Parse(SweepJson.Trials(SampleRecords.Trials))), "export and status disagree on the trials");
    }

    [Fact]
    public void Export_csv_is_one_row_per_trial_with_empty_cells_for_nulls()
    {
        Assert.Equal(
            """
            trialId,kind,state,attempts,resumedFromEpoch,worker,maxLr,minLr,weightDecay,batchSize,cycleEpochs,accuracy,epochsCompleted,latestEpoch,latestTrainLoss,latestTestLoss,latestTestAccuracy,rangeTestIterations,rangeTestPlannedIterations,rangeTestLearningRate,rangeTestLoss,rangeTestAccuracy
            s-000001,range-test,completed,1,,w0/1,,,0.0005,256,,,0,,,,,,,,,
            s-000002,train,completed,2,1,w0/0,0.8,0.032,0.0005,256,3,0.9125,3,,,,,,,,,
            s-000003,train,running,1,,w1/0,2.5,0.1,0.0005,256,3,,1,,,,,,,,,

            """,
            Csv(o => SweepCsv.Write(o, SweepCsv.Header, SampleRecords.Trials, SweepCsv.Row)));
    }

    [Fact]
    public void Trial_show_json_of_a_training_trial_has_its_config_and_epochs_with_nan_as_null()
    {
        Assert.Equal(
            """
            {
              "trialId": "s-000002",
              "sweepId": "s",
              "kind": "train",
              "state": "completed",
              "attempts": 2,
              "resumedFromEpoch": 1,
              "resumedFromStep": null,
              "worker": "w0/0",
              "config": {
                "dataset": "fashion-mnist",
                "model": "resnet-small",
                "maxLr": 0.8,
                "minLr": 0.032,
                "finalLr": 3.2E-06,
                "weightDecay": 0.0005,
                "batchSize": 256,
                "cycleEpochs": 3,
                "baseMomentum": 0.85,
                "maxMomentum": 0.95,
                "seed": 1,
                "cell": "bs=256,wd=5e-4",
                "round": 1
              },
              "accuracy": 0.9125,
              "error": null,
              "startedAt": "2026-11-23T00:02:32.0000000+00:00",
              "finishedAt": "2026-11-23T00:05:32.0000000+00:00",
              "epochs": [
                {
                  "epoch": 1,
                  "trainLoss": 1.25,
                  "testLoss": 0.9,
                  "testAccuracy": 0.71,
                  "learningRate": 0.4,
                  "imagesPerSecond": 1520
                },
                {
                  "epoch": 2,
                  "trainLoss": 0.5,
                  "testLoss": null,
                  "testAccuracy": 0.85,
                  "learningRate": 0.8,
                  "imagesPerSecond": 1498.5
                },
                {
                  "epoch": 3,
                  "trainLoss": 0.25,
                  "testLoss": 0.3,
                  "testAccuracy": 0.9125,
                  "learningRate": 8E-05,
                  "imagesPerSecond": 1510
                }
              ]
            }
            """,
            TrialJson.Show(SampleRecords.Training));
    }

    [Fact]
    public void Trial_show_json_of_a_range_test_has_its_ramp_and_curve()
    {
        Assert.Equal(
            """
            {
              "trialId": "s-000001",
              "sweepId": "s",
              "kind": "range-test",
              "state": "completed",
              "attempts": 1,
              "resumedFromEpoch": null,
              "resumedFromStep": null,
              "worker": "w0/1",
              "config": {
                "dataset": "fashion-mnist",
                "model": "resnet-small",
                "startLr": 0.0001,
                "endLr": 10,
                "iterations": 100,
                "ramp": "exponential",
                "weightDecay": 0.0005,
                "batchSize": 256,
                "seed": 1,
                "hessian": false,
                "cell": "bs=256,wd=5e-4",
                "round": 0
              },
              "accuracy": null,
              "error": null,
              "startedAt": "2026-11-23T00:02:32.0000000+00:00",
              "finishedAt": "2026-11-23T00:03:12.0000000+00:00",
              "epochs": [],
              "curve": [
                {
                  "lr": 0.0001,
                  "loss": 2.3,
                  "accuracy": null
                },
                {
                  "lr": 0.01,
                  "loss": 1.1,
                  "accuracy": 0.6
                },
                {
                  "lr": 10,
                  "loss": null,
                  "accuracy": null
                }
              ]
            }
            """,
            TrialJson.Show(SampleRecords.RangeTest));
    }

    [Fact]
    public void Trial_show_json_of_a_range_test_that_asked_for_it_has_the_hessian_free_estimate_after_the_curve()
    {
        using var json = System.Text.Json.JsonDocument.Parse(TrialJson.Show(SampleRecords.RangeTestWithHessian));

        var root = json.RootElement;
        Assert.True(root.GetProperty("config").GetProperty("hessian").GetBoolean());
        Assert.Equal("hessian", root.EnumerateObject().Last().Name);
        Assert.Equal(
            """
            {
              "learningRate": 0.25,
              "iterations": 2,
              "iterationsUsed": 1,
              "iterationsSkipped": 1,
              "window": 20,
              "diverged": false,
              "layers": [
                {
                  "name": "stem",
                  "learningRate": 0.2,
                  "iterationsUsed": 2,
                  "iterationsSkipped": 0
                },
                {
                  "name": "classifier",
                  "learningRate": null,
                  "iterationsUsed": 0,
                  "iterationsSkipped": 2
                }
              ],
              "series": [
                {
                  "iteration": 0,
                  "loss": 2.3,
                  "learningRate": 0.25,
                  "smoothedLearningRate": 0.25
                },
                {
                  "iteration": 1,
                  "loss": 2.2,
                  "learningRate": null,
                  "smoothedLearningRate": 0.25
                }
              ]
            }
            """,
            System.Text.Json.JsonSerializer.Serialize(root.GetProperty("hessian"), new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        Assert.DoesNotContain("\"hessian\": {", TrialJson.Show(SampleRecords.RangeTest), StringComparison.Ordinal);
    }

    [Fact]
    public void Trial_show_csv_is_one_row_per_epoch_with_empty_cells_for_nan()
    {
        Assert.Equal(
            """
            epoch,trainLoss,testLoss,testAccuracy,learningRate,imagesPerSecond
            1,1.25,0.9,0.71,0.4,1520
            2,0.5,,0.85,0.8,1498.5
            3,0.25,0.3,0.9125,8E-05,1510

            """,
            Csv(o => SweepCsv.Write(o, SweepCsv.EpochHeader, SampleRecords.Training.Epochs, SweepCsv.EpochRow)));
    }

    private static string Csv(Action<TextWriter> write)
    {
        var output = new StringWriter { NewLine = "\n" };
        write(output);
        return output.ToString();
    }
}
