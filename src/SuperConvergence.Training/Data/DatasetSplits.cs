namespace SuperConvergence.Training.Data;

/// <summary>
/// A dataset's train and test halves as stored on disk (official split, or ours where none ships); a user's dataset
/// may come with a validation set too, and with normalisation statistics read from its cache.
/// </summary>
public sealed record DatasetSplits(LabelledImages Train, LabelledImages Test, LabelledImages? Validation = null, ChannelStatistics? Statistics = null);

/// <summary>
/// What one run trains and evaluates on: train, an optional validation set carved from train, and test.
/// Statistics, when set, normalise every set (a user's dataset: those of its whole training split, cached beside it);
/// otherwise the run computes them from its own training set.
/// </summary>
public sealed record PreparedData(LabelledImages Train, LabelledImages? Validation, LabelledImages Test, ChannelStatistics? Statistics = null)
{
    /// <summary>The set range tests measure accuracy on: validation when carved, else test.</summary>
    public LabelledImages AccuracyProbe => Validation ?? Test;
}

/// <summary>How much of a dataset a run uses; carving is deterministic and independent of the training seed.</summary>
public sealed record DataSelection(int? TrainSubset = null, int ValidationCount = 0, int? TestSubset = null)
{
    public static DataSelection All { get; } = new();

    private const ulong ValidationSeed = 0x56414C4944UL;

    public PreparedData Apply(DatasetSplits splits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ValidationCount);
        var train = splits.Train;
        var validation = splits.Validation;
        if (ValidationCount > 0)
        {
            if (ValidationCount >= train.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(ValidationCount), ValidationCount, $"must be smaller than the {train.Count} training images");
            }

            var order = DeterministicShuffle.Permutation(train.Count, ValidationSeed);
            validation = train.Select(order[..ValidationCount]);
            train = train.Select(order[ValidationCount..]);
        }

        if (TrainSubset is { } trainSubset)
        {
            train = train.Take(trainSubset);
        }

        var test = TestSubset is { } testSubset ? splits.Test.Take(testSubset) : splits.Test;
        return new PreparedData(train, validation, test, splits.Statistics);
    }
}
