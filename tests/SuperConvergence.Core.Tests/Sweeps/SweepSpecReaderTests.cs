using SuperConvergence.Core.Sweeps;

namespace SuperConvergence.Core.Tests.Sweeps;

public sealed class SweepSpecReaderTests
{
    private const string FullYaml = """
        name: full
        dataset: fashion-mnist
        model: resnet-small
        trainer: {kind: simulated, epochSeconds: 0.5}
        searchSpace:
          maxLr: {min: 0.001, max: 3}
          weightDecay: [1e-4, 5e-4]
          batchSize: [128, 256]
          cycleEpochs: [1, 2, 4]
          momentum: {base: 0.8, max: 0.9}
        rangeTest: {iterations: 150, startLr: 1e-6, endLr: 5, seeds: 4}
        strategy: asha
        budget: {trialEpochs: 90, maxTrials: 30, wallTime: 1h30m}
        maxConcurrentTrials: 6
        seed: 11
        data: {trainImages: 5000, testImages: 1000}
        """;

    private const string FullJson = """
        {
          "name": "full",
          "dataset": "fashion-mnist",
          "model": "resnet-small",
          "trainer": {"kind": "simulated", "epochSeconds": 0.5},
          "searchSpace": {
            "maxLr": {"min": 0.001, "max": 3},
            "weightDecay": [1e-4, 5e-4],
            "batchSize": [128, 256],
            "cycleEpochs": [1, 2, 4],
            "momentum": {"base": 0.8, "max": 0.9}
          },
          "rangeTest": {"iterations": 150, "startLr": 1e-6, "endLr": 5, "seeds": 4},
          "strategy": "asha",
          "budget": {"trialEpochs": 90, "maxTrials": 30, "wallTime": "1h30m"},
          "maxConcurrentTrials": 6,
          "seed": 11,
          "data": {"trainImages": 5000, "testImages": 1000},
        }
        """;

    [Fact]
    public void Yaml_reads_every_field()
    {
        var spec = SweepSpecReader.ParseYaml(FullYaml);

        Assert.Equal("full", spec.Name);
        Assert.Equal("fashion-mnist", spec.Dataset);
        Assert.Equal("resnet-small", spec.Model);
        Assert.Equal(new TrainerSpec(TrainerKind.Simulated, 0.5), spec.Trainer);
        Assert.Equal(new LrRange(0.001, 3), spec.SearchSpace.MaxLr);
        Assert.Equal([1e-4, 5e-4], spec.SearchSpace.WeightDecay);
        Assert.Equal([128, 256], spec.SearchSpace.BatchSize);
        Assert.Equal([1, 2, 4], spec.SearchSpace.CycleEpochs);
        Assert.Equal(new MomentumRange(0.8, 0.9), spec.SearchSpace.Momentum);
        Assert.Equal(new RangeTestSpec(150, 1e-6, 5, 4), spec.RangeTest);
        Assert.Equal(StrategyKind.Asha, spec.Strategy);
        Assert.Equal(new BudgetSpec(90, 30, TimeSpan.FromMinutes(90)), spec.Budget);
        Assert.Equal(6, spec.MaxConcurrentTrials);
        Assert.Equal(11, spec.Seed);
        Assert.Equal(new DataSubsetSpec(5000, 1000), spec.Data);
    }

    [Fact]
    public void Json_reads_the_same_spec_as_yaml()
    {
        var fromJson = SweepSpecReader.ParseJson(FullJson);
        var fromYaml = SweepSpecReader.ParseYaml(FullYaml);

        Assert.Equal(Describe(fromYaml), Describe(fromJson));
    }

    [Fact]
    public void Omitted_optional_fields_take_the_documented_defaults()
    {
        var spec = SweepSpecReader.ParseYaml("""
            name: minimal
            dataset: synthetic
            model: simulated
            searchSpace:
              maxLr: {min: 0.01, max: 1}
            """);

        Assert.Equal(new TrainerSpec(SweepSpecDefaults.Trainer, SweepSpecDefaults.EpochSeconds), spec.Trainer);
        Assert.Equal(SweepSpecDefaults.WeightDecay, spec.SearchSpace.WeightDecay);
        Assert.Equal(SweepSpecDefaults.BatchSize, spec.SearchSpace.BatchSize);
        Assert.Equal(SweepSpecDefaults.CycleEpochs, spec.SearchSpace.CycleEpochs);
        Assert.Equal(new MomentumRange(0.85, 0.95), spec.SearchSpace.Momentum);
        Assert.Equal(new RangeTestSpec(200, 1e-5, 10, 3), spec.RangeTest);
        Assert.Equal(StrategyKind.Adaptive, spec.Strategy);
        Assert.Equal(new BudgetSpec(200, 50, null), spec.Budget);
        Assert.Equal(4, spec.MaxConcurrentTrials);
        Assert.Equal(0, spec.Seed);
        Assert.Null(spec.Data);
    }

    [Theory]
    [InlineData("rangeTest: {hessian: true}", true)]
    [InlineData("rangeTest: {hessian: True}", true)]
    [InlineData("rangeTest: {hessian: false}", false)]
    [InlineData("rangeTest: {seeds: 2}", false)]
    public void Range_tests_ask_for_the_hessian_free_estimate_only_when_the_spec_says_so(string line, bool expected)
    {
        var yaml = SweepSpecReader.ParseYaml(Minimal(line));
        var json = SweepSpecReader.ParseJson(
            """{"name": "j", "dataset": "d", "model": "m", "searchSpace": {"maxLr": {"min": 0.1, "max": 1}}, "rangeTest": {"hessian": """ +
            (expected ? "true" : "false") + "}}");

        Assert.Equal(expected, yaml.RangeTest.Hessian);
        Assert.Equal(expected, json.RangeTest.Hessian);
    }

    [Fact]
    public void Null_values_mean_the_default()
    {
        var spec = SweepSpecReader.ParseYaml(Minimal("budget: {trialEpochs: 20, wallTime: null}\nseed: ~"));

        Assert.Equal(new BudgetSpec(20, SweepSpecDefaults.MaxTrials, null), spec.Budget);
        Assert.Equal(SweepSpecDefaults.Seed, spec.Seed);
    }

    [Theory]
    [InlineData("trainer: simulated", TrainerKind.Simulated, 0)]
    [InlineData("trainer: torch", TrainerKind.Torch, 0)]
    [InlineData("trainer: Simulated", TrainerKind.Simulated, 0)]
    [InlineData("trainer: {kind: simulated}", TrainerKind.Simulated, 0)]
    [InlineData("trainer: {kind: simulated, epochSeconds: 0.25}", TrainerKind.Simulated, 0.25)]
    public void Trainer_is_a_name_or_a_mapping(string line, TrainerKind kind, double epochSeconds)
    {
        var spec = SweepSpecReader.ParseYaml(Minimal(line));

        Assert.Equal(new TrainerSpec(kind, epochSeconds), spec.Trainer);
    }

    [Theory]
    [InlineData("strategy: adaptive", StrategyKind.Adaptive)]
    [InlineData("strategy: grid", StrategyKind.Grid)]
    [InlineData("strategy: random", StrategyKind.Random)]
    [InlineData("strategy: asha", StrategyKind.Asha)]
    [InlineData("strategy: tpe", StrategyKind.Tpe)]
    [InlineData("strategy: TPE", StrategyKind.Tpe)]
    public void Every_strategy_is_named_case_insensitively(string line, StrategyKind strategy)
    {
        Assert.Equal(strategy, SweepSpecReader.ParseYaml(Minimal(line)).Strategy);
    }

    [Fact]
    public void A_single_value_stands_for_a_one_element_list()
    {
        var spec = SweepSpecReader.ParseYaml("""
            name: single
            dataset: synthetic
            model: simulated
            searchSpace:
              maxLr: {min: 0.01, max: 1}
              batchSize: 64
              weightDecay: 0
            """);

        Assert.Equal([64], spec.SearchSpace.BatchSize);
        Assert.Equal([0.0], spec.SearchSpace.WeightDecay);
    }

    [Fact]
    public void Anchors_and_aliases_are_followed()
    {
        var spec = SweepSpecReader.ParseYaml("""
            name: aliases
            dataset: synthetic
            model: simulated
            searchSpace:
              maxLr: {min: 0.01, max: 1}
              batchSize: &sizes [64, 128]
              cycleEpochs: *sizes
            budget: {trialEpochs: 1000}
            """);

        Assert.Equal([64, 128], spec.SearchSpace.CycleEpochs);
    }

    [Fact]
    public void Files_are_read_by_extension_or_by_sniffing()
    {
        var directory = Directory.CreateTempSubdirectory("sc-spec-");
        try
        {
            var json = Path.Combine(directory.FullName, "spec.json");
            var yaml = Path.Combine(directory.FullName, "spec.yml");
            var unnamed = Path.Combine(directory.FullName, "spec.txt");
            File.WriteAllText(json, FullJson);
            File.WriteAllText(yaml, FullYaml);
            File.WriteAllText(unnamed, FullJson);

            var expected = Describe(SweepSpecReader.ParseYaml(FullYaml));
            Assert.Equal(expected, Describe(SweepSpecReader.ReadFile(json)));
            Assert.Equal(expected, Describe(SweepSpecReader.ReadFile(yaml)));
            Assert.Equal(expected, Describe(SweepSpecReader.ReadFile(unnamed)));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_missing_file_is_a_spec_error_naming_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sc-no-such-spec-{Guid.NewGuid():N}.yaml");

        var error = Assert.Throws<SweepSpecException>(() => SweepSpecReader.ReadFile(path));

        Assert.Equal("spec", error.Field);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    internal static string Minimal(string extraLines) => $"""
        name: minimal
        dataset: synthetic
        model: simulated
        searchSpace:
          maxLr: {"{"}min: 0.01, max: 1{"}"}
        {extraLines}
        """;

    /// <summary>Records compare list members by reference; compare their JSON renderings instead.</summary>
    internal static string Describe(SweepSpec spec) => System.Text.Json.JsonSerializer.Serialize(spec);
}
