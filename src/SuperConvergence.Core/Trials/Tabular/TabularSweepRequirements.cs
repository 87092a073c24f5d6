using SuperConvergence.Core.Search;

namespace SuperConvergence.Core.Trials.Tabular;

/// <summary>
/// What a sweep on the tabular trainer needs of its table, checked before it starts (by the console and again by the
/// coordinator): a table that reads, a search space inside its grid (weight decays, batch sizes and cycle lengths it
/// recorded; a max-LR interval within its LRs) and, when the strategy runs range tests, the table's range-test ramp.
/// Otherwise every trial would fail, or replay a run the spec did not ask for.
/// </summary>
public static class TabularSweepRequirements
{
    public static IReadOnlyList<SweepSpecError> Problems(SweepSpec spec, TrialTableCache tables)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(tables);
        if (spec.Trainer.Kind != TrainerKind.Tabular || spec.Trainer.Table is not { } path)
        {
            return [];
        }

        TrialTable table;
        try
        {
            table = tables.Get(path).Table;
        }
        catch (TrialTableFormatException e)
        {
            return [new SweepSpecError("trainer.table", $"'{path}'", $"cannot be replayed: {e.Message}")];
        }

        var problems = new List<SweepSpecError>();
        var space = spec.SearchSpace;
        Within(problems, "searchSpace.weightDecay", space.WeightDecay, table.WeightDecays);
        Within(problems, "searchSpace.batchSize", space.BatchSize, table.BatchSizes);
        Within(problems, "searchSpace.cycleEpochs", space.CycleEpochs, table.CycleEpochs);
        var (lowest, highest) = (table.MaxLrs[0], table.MaxLrs[^1]);
        if (space.MaxLr.Min < lowest * (1 - 1e-9))
        {
            problems.Add(new("searchSpace.maxLr.min", Show(space.MaxLr.Min), $"is below the table's smallest max LR {Show(lowest)}"));
        }

        if (space.MaxLr.Max > highest * (1 + 1e-9))
        {
            problems.Add(new("searchSpace.maxLr.max", Show(space.MaxLr.Max), $"is above the table's largest max LR {Show(highest)}"));
        }

        if (spec.Strategy == StrategyKind.Adaptive)
        {
            // Range tests replay recorded curves: a spec asking for another ramp would get curves it did not ask for.
            var recorded = table.RangeTest;
            Equal(problems, "rangeTest.iterations", spec.RangeTest.Iterations, recorded.Iterations);
            Equal(problems, "rangeTest.startLr", spec.RangeTest.StartLr, recorded.StartLr);
            Equal(problems, "rangeTest.endLr", spec.RangeTest.EndLr, recorded.EndLr);
            var curves = table.RangeTestSeeds.Count;
            if (spec.RangeTest.Seeds > curves)
            {
                problems.Add(new("rangeTest.seeds", Show(spec.RangeTest.Seeds), $"is more than the table's {curves} recorded curves per cell"));
            }
        }

        return problems;
    }

    private static void Within<T>(List<SweepSpecError> problems, string field, IReadOnlyList<T> values, IReadOnlyList<T> grid)
        where T : notnull
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (!grid.Contains(values[i]))
            {
                problems.Add(new($"{field}[{i}]", Show(values[i]), $"is not in the table (it holds {string.Join(", ", grid.Select(Show))})"));
            }
        }
    }

    private static void Equal<T>(List<SweepSpecError> problems, string field, T value, T recorded)
        where T : notnull
    {
        if (!EqualityComparer<T>.Default.Equals(value, recorded))
        {
            problems.Add(new(field, Show(value), $"must be the table's {Show(recorded)}: its range-test curves were recorded so"));
        }
    }

    private static string Show<T>(T value)
        where T : notnull =>
        value is double d ? d.ToString("R", CultureInfo.InvariantCulture) : Convert.ToString(value, CultureInfo.InvariantCulture)!;
}
