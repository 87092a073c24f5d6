using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials.Tabular;

namespace SuperConvergence.Core.Tests.Trials.Tabular;

/// <summary>The spec's tabular trainer section, and what a tabular sweep needs of its table before it starts.</summary>
public sealed class TabularSweepSpecTests
{
    private static string Spec(string trainer, string space = "maxLr: {min: 0.01, max: 1}, weightDecay: [1e-4], batchSize: [64], cycleEpochs: [1, 2]", string rangeTest = "")
    {
        var table = Path.GetRelativePath(Environment.CurrentDirectory, TabularTrainerTests.SmallTable).Replace('\\', '/');
        return $$"""
            name: t
            dataset: fashion-mnist
            model: mlp
            trainer: {{trainer.Replace("TABLE", table, StringComparison.Ordinal)}}
            searchSpace: { {{space}} }
            {{rangeTest}}
            """;
    }

    private static IReadOnlyList<SweepSpecError> Problems(SweepSpec spec) => TabularSweepRequirements.Problems(spec, new TrialTableCache());

    [Fact]
    public void The_mapping_form_names_the_table_and_may_pace_the_replay()
    {
        var spec = SweepSpecReader.ParseYaml(Spec("{kind: tabular, table: TABLE, epochSeconds: 0.5}"));

        Assert.Equal(TrainerKind.Tabular, spec.Trainer.Kind);
        Assert.EndsWith("small-table.json", spec.Trainer.Table, StringComparison.Ordinal);
        Assert.Equal(0.5, spec.Trainer.EpochSeconds);
    }

    [Theory]
    [InlineData("tabular", "trainer: tabular needs its table: write trainer: {kind: tabular, table: PATH}")]
    [InlineData("{kind: tabular}", "trainer.table: (missing) is required with trainer kind tabular")]
    [InlineData("{kind: simulated, table: x.json}", "trainer.table: x.json applies only to trainer kind tabular")]
    [InlineData("{kind: torch, epochSeconds: 1}", "trainer.epochSeconds: 1 applies only to trainer kinds simulated and tabular")]
    public void A_trainer_section_that_cannot_work_is_one_line_naming_the_field(string trainer, string expected)
    {
        var error = Assert.Throws<SweepSpecException>(() => SweepSpecReader.ParseYaml(Spec(trainer)));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_space_inside_the_tables_grid_with_its_ramp_has_no_problems()
    {
        var table = TrialTableFile.Read(TabularTrainerTests.SmallTable);
        var ramp = $"rangeTest: {{iterations: {table.RangeTest.Iterations}, startLr: {table.RangeTest.StartLr:R}, endLr: {table.RangeTest.EndLr:R}, seeds: 2}}";

        Assert.Empty(Problems(SweepSpecReader.ParseYaml(Spec("{kind: tabular, table: TABLE}", rangeTest: ramp))));
    }

    [Theory]
    [InlineData("maxLr: {min: 0.01, max: 1}, weightDecay: [1e-4, 5e-4], batchSize: [64], cycleEpochs: [1]", "searchSpace.weightDecay[1]: 0.0005 is not in the table (it holds 0.0001, 0.01)")]
    [InlineData("maxLr: {min: 0.01, max: 1}, weightDecay: [1e-4], batchSize: [128], cycleEpochs: [1]", "searchSpace.batchSize[0]: 128 is not in the table (it holds 64)")]
    [InlineData("maxLr: {min: 0.01, max: 1}, weightDecay: [1e-4], batchSize: [64], cycleEpochs: [1, 4]", "searchSpace.cycleEpochs[1]: 4 is not in the table (it holds 1, 2)")]
    [InlineData("maxLr: {min: 0.001, max: 1}, weightDecay: [1e-4], batchSize: [64], cycleEpochs: [1]", "searchSpace.maxLr.min: 0.001 is below the table's smallest max LR 0.01")]
    [InlineData("maxLr: {min: 0.01, max: 3}, weightDecay: [1e-4], batchSize: [64], cycleEpochs: [1]", "searchSpace.maxLr.max: 3 is above the table's largest max LR 1")]
    public void A_space_outside_the_tables_grid_is_refused_naming_the_value_and_the_grid(string space, string expected)
    {
        var table = TrialTableFile.Read(TabularTrainerTests.SmallTable);
        var ramp = $"rangeTest: {{iterations: {table.RangeTest.Iterations}, startLr: {table.RangeTest.StartLr:R}, endLr: {table.RangeTest.EndLr:R}, seeds: 2}}";

        var problems = Problems(SweepSpecReader.ParseYaml(Spec("{kind: tabular, table: TABLE}", space, ramp)));

        Assert.Equal(expected, Assert.Single(problems).ToString());
    }

    [Fact]
    public void An_adaptive_sweep_must_ask_for_the_tables_range_test_ramp()
    {
        var problems = Problems(SweepSpecReader.ParseYaml(Spec("{kind: tabular, table: TABLE}", rangeTest: "rangeTest: {iterations: 50, seeds: 9}")));

        Assert.Contains(problems, p => p.ToString().StartsWith("rangeTest.iterations: 50 must be the table's", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.ToString().StartsWith("rangeTest.seeds: 9 is more than the table's 2 recorded curves per cell", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_table_is_one_problem_naming_the_path()
    {
        var spec = SweepSpecReader.ParseYaml(Spec("{kind: tabular, table: no/such/table.json}"));

        var problem = Assert.Single(Problems(spec));

        Assert.Equal("trainer.table: 'no/such/table.json' cannot be replayed: no/such/table.json: no such file", problem.ToString());
    }
}
