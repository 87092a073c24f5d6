using SuperConvergence.Abstractions.Sweeps;
using SuperConvergence.Abstractions.Trials;
using SuperConvergence.Abstractions.Work;
using SuperConvergence.Core.RangeTests;
using SuperConvergence.Core.Search;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;
using SuperConvergence.Grains.Hosting;
using SuperConvergence.Grains.Sweeps;
using SuperConvergence.Grains.Trials;
using SuperConvergence.Grains.Work;

namespace SuperConvergence.Silo.Tests.Persistence.StoredState;

/// <summary>
/// The grain state the committed fixtures (Fixtures/state-v1) hold: a sweep mid-run with a finished trial of each
/// outcome, a finished sweep, the trials (training with epochs and a checkpoint, range test with its curve and
/// Hessian-free estimate), the work queue with waiting items and leases, and the catalog. The generator wrote these
/// values with the version that first stored them; the fixture tests read the bytes back and compare with these.
/// </summary>
internal static class StoredStateSamples
{
    public const string RunningSweepId = "sweep-fixture-running";
    public const string FinishedSweepId = "sweep-fixture-finished";

    public static readonly DateTimeOffset Created = new(2026, 12, 1, 9, 30, 15, 123, TimeSpan.Zero);

    public static readonly TrialConfig Training = new(
        "cifar10", "resnet56", 3.0, 25.0, 1e4, 5e-4, 256, 30, 0.85, 0.95, 17, TrainImages: 5000, TestImages: 1000);

    public static readonly RangeTestConfig RangeTest = new(
        "cifar10", "resnet56", 1e-4, 10.0, 400, RangeTestRamp.Exponential, 1e-4, 512, 0.9, 23, AccuracyEvery: 50,
        TrainImages: 2000, TestImages: 500, Hessian: true);

    public static TrainingProposal TrainingProposal => new(Training, 2, "bs=256,wd=5e-4");

    public static RangeTestProposal RangeTestProposal => new(RangeTest, "bs=512,wd=1e-4");

    public static TrialDefinition TorchDefinition => new(RunningSweepId, TrainingProposal, TrainerKind.Torch, 0);

    public static TrialDefinition CommandDefinition => new(
        RunningSweepId, RangeTestProposal, TrainerKind.Command, 1.5, Table: "runs.csv", Run: ["python3", "train.py", "--fast"],
        StepsPerEpoch: 196, LineTimeout: TimeSpan.FromSeconds(90));

    public static TrialDefinition TabularDefinition => new(FinishedSweepId, TrainingProposal, TrainerKind.Tabular, 0.25, Table: "/data/table.csv");

    /// <summary>Each trial's key and state.</summary>
    public static IReadOnlyList<(string Key, TrialGrainState State)> Trials =>
    [
        ("t-running", RunningTraining),
        ("t-completed", new TrialGrainState
        {
            Definition = TabularDefinition,
            State = TrialState.Completed,
            Attempts = 1,
            Worker = "silo-b/1",
            Epochs = [Epoch(1, 0.41), Epoch(2, 0.63)],
            CheckpointReference = "checkpoints/t-completed/2",
            CheckpointEpoch = 2,
            Accuracy = 0.63,
            StartedAt = Created.AddMinutes(1),
            FinishedAt = Created.AddMinutes(9),
        }),
        ("t-diverged", new TrialGrainState
        {
            Definition = TorchDefinition,
            State = TrialState.Diverged,
            Attempts = 1,
            Epochs = [new EpochMetrics(1, double.NaN, double.PositiveInfinity, 0.1, 3.0, 900)],
            StartedAt = Created.AddMinutes(2),
            FinishedAt = Created.AddMinutes(3),
        }),
        ("t-failed", new TrialGrainState
        {
            Definition = CommandDefinition,
            State = TrialState.Failed,
            Attempts = 3,
            Worker = "silo-a/0",
            Error = "the trainer exited with code 2: CUDA out of memory",
            StartedAt = Created.AddMinutes(2),
            FinishedAt = Created.AddMinutes(4),
            HandedBackAttempt = 2,
        }),
        ("t-cancelled", new TrialGrainState { Definition = TorchDefinition, State = TrialState.Cancelled, FinishedAt = Created.AddMinutes(5) }),
        ("t-pending", new TrialGrainState { Definition = TorchDefinition }),
        ("t-range", RangeTestTrial),
    ];

    public static TrialGrainState RunningTraining => new()
    {
        Definition = TorchDefinition,
        State = TrialState.Running,
        Attempts = 2,
        Worker = "silo-a/1",
        Epochs = [Epoch(1, 0.35), Epoch(2, 0.52) with { ValidationLoss = 1.25, ValidationAccuracy = 0.5 }, Epoch(3, 0.61)],
        CheckpointReference = "sc_checkpoint:t-running:3",
        CheckpointEpoch = 3,
        CheckpointStep = 57,
        ResumedFromEpoch = 2,
        ResumedFromStep = 11,
        Accuracy = 0.61,
        StartedAt = Created.AddMinutes(1),
    };

    public static TrialGrainState RangeTestTrial => new()
    {
        Definition = CommandDefinition,
        State = TrialState.Completed,
        Attempts = 1,
        Worker = "silo-b/0",
        Curve = [new RangeTestPoint(1e-4, 2.30), new RangeTestPoint(1e-3, 2.1, 0.25), new RangeTestPoint(1e-2, double.NaN)],
        StartedAt = Created.AddMinutes(1),
        FinishedAt = Created.AddMinutes(2),
        Hessian = new HessianFreeEstimate(
            0.42,
            [new LayerLearningRate("blocks.0.conv1", 0.3, 9, 1), new LayerLearningRate("fc", null, 0, 10)],
            9,
            1,
            5,
            true,
            [
                new HessianFreeIteration(0, 2.3, 0.5, 0.5, [0.3, null]),
                new HessianFreeIteration(1, 2.2, null, 0.5, [null, null]),
            ]),
    };

    public static SweepGrainState RunningSweep => new()
    {
        SpecText = "name: fixture\nstrategy: adaptive\n",
        Name = "fixture",
        State = SweepState.Running,
        CreatedAt = Created,
        NextTrialNumber = 8,
        StrategyState = """{"phase":"refine","round":2}""",
        Active = new() { ["t-running"] = TrainingProposal, ["t-pending"] = new TrainingProposal(Training, 3, "bs=256,wd=5e-4"), ["t-range"] = RangeTestProposal },
        // Stored by state-v1 under the states' wire names ("completed"), read back as typed keys.
        FinishedCounts = new() { [TrialState.Completed] = 1, [TrialState.Diverged] = 1, [TrialState.Failed] = 1, [TrialState.Cancelled] = 1 },
        TrialEpochsUsed = 6,
        Best = [new BestTrial("t-completed", 3.0, 0.12, 5e-4, 256, 30, 0.63, 2), new BestTrial("t-other", 2.0, 0.08, 1e-4, 128, 20, 0.5, 20)],
        FirstFailure = "t-failed: the trainer exited with code 2: CUDA out of memory",
    };

    public static SweepGrainState FinishedSweep => new()
    {
        SpecText = """{"name":"done"}""",
        Name = "done",
        State = SweepState.Completed,
        CreatedAt = Created.AddDays(-1),
        FinishedAt = Created.AddDays(-1).AddHours(3),
        NextTrialNumber = 3,
        FinishedCounts = new() { [TrialState.Completed] = 2 },
        TrialEpochsUsed = 60,
        WallTimeExpired = true,
    };

    public static SweepCatalogState Catalog => new()
    {
        Sweeps = new()
        {
            [RunningSweepId] = new SweepListing(RunningSweepId, "fixture", SweepState.Running, Created),
            [FinishedSweepId] = new SweepListing(FinishedSweepId, "done", SweepState.Completed, Created.AddDays(-1)),
        },
    };

    public static WorkQueueState Queue => new()
    {
        Pending = [new WorkItem(RunningSweepId, "t-pending", 4), new WorkItem(FinishedSweepId, "t-late", 1)],
        Leases = new()
        {
            ["t-running"] = new WorkLease(new WorkItem(RunningSweepId, "t-running", 4), "silo-a/1"),
            ["t-range"] = new WorkLease(new WorkItem(RunningSweepId, "t-range", 4), "silo-b/0"),
        },
    };

    /// <summary>Every stored row: state name, grain key (a string, or the integer 0 of the single catalog and queue) and state.</summary>
    public static IReadOnlyList<(string StateName, string? Key, object State)> All =>
    [
        (GrainStateNames.Sweep, RunningSweepId, RunningSweep),
        (GrainStateNames.Sweep, FinishedSweepId, FinishedSweep),
        .. Trials.Select(t => (GrainStateNames.Trial, (string?)t.Key, (object)t.State)),
        (GrainStateNames.Catalog, null, Catalog),
        (GrainStateNames.Queue, null, Queue),
    ];

    private static EpochMetrics Epoch(int epoch, double accuracy) =>
        new(epoch, 1.9 - (0.1 * epoch), 1.7 - (0.1 * epoch), accuracy, 0.3 * epoch, 1234.5 + epoch);
}
