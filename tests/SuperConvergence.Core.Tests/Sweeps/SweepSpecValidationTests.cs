using CsCheck;
using SuperConvergence.Core.Sweeps;

namespace SuperConvergence.Core.Tests.Sweeps;

public sealed class SweepSpecValidationTests
{
    private const string ValidYaml = """
        name: valid
        dataset: synthetic
        model: simulated
        trainer: simulated
        searchSpace:
          maxLr: {min: 0.01, max: 1}
          weightDecay: [1e-4]
          batchSize: [128]
          cycleEpochs: [2, 4]
          momentum: {base: 0.85, max: 0.95}
        rangeTest: {iterations: 100, startLr: 1e-5, endLr: 10, seeds: 2}
        strategy: adaptive
        budget: {trialEpochs: 40, maxTrials: 10}
        maxConcurrentTrials: 2
        seed: 1
        """;

    public static TheoryData<string, string, string> YamlMistakes => new()
    {
        { "min: 0.01, max: 1", "min: -1, max: 1", "searchSpace.maxLr.min: -1 must be > 0" },
        { "min: 0.01, max: 1", "min: 0.01, max: 0.001", "searchSpace.maxLr.max: 0.001 must be > searchSpace.maxLr.min (0.01)" },
        { "min: 0.01, max: 1", "min: abc, max: 1", "searchSpace.maxLr.min: abc must be a number" },
        { "min: 0.01, max: 1", "min: NaN, max: 1", "searchSpace.maxLr.min: NaN must be > 0" },
        { "min: 0.01, max: 1", "max: 1", "searchSpace.maxLr.min: (missing) is required" },
        { "weightDecay: [1e-4]", "weightDecay: [1e-4, -1]", "searchSpace.weightDecay[1]: -1 must be >= 0 and < 1" },
        { "batchSize: [128]", "batchSize: [128, 0]", "searchSpace.batchSize[1]: 0 must be between 1 and 1048576" },
        { "batchSize: [128]", "batchSize: [128, 128]", "searchSpace.batchSize[1]: 128 is listed twice" },
        { "batchSize: [128]", "batchSize: [128, 12.5]", "searchSpace.batchSize[1]: 12.5 must be a whole number between -2147483648 and 2147483647" },
        { "cycleEpochs: [2, 4]", "cycleEpochs: []", "searchSpace.cycleEpochs: [] must list at least one value" },
        { "base: 0.85, max: 0.95", "base: 0.95, max: 0.85", "searchSpace.momentum.max: 0.85 must be >= searchSpace.momentum.base (0.95)" },
        { "base: 0.85, max: 0.95", "base: 0.85, max: 1", "searchSpace.momentum.max: 1 must be >= 0 and < 1" },
        { "iterations: 100", "iterations: 5", "rangeTest.iterations: 5 must be >= 10" },
        { "endLr: 10", "endLr: 1e-6", "rangeTest.endLr: 1E-06 must be > rangeTest.startLr (1E-05)" },
        { "seeds: 2", "seeds: 0", "rangeTest.seeds: 0 must be >= 1" },
        { "strategy: adaptive", "strategy: bayes", "strategy: bayes must be one of adaptive, grid, random, asha, tpe" },
        { "trainer: simulated", "trainer: tensorflow", "trainer: tensorflow must be one of torch, simulated, tabular, command" },
        { "trainer: simulated", "trainer: {kind: torch, epochSeconds: 1}", "trainer.epochSeconds: 1 applies only to trainer kinds simulated and tabular" },
        { "trainer: simulated", "trainer: {kind: simulated, epochSeconds: -1}", "trainer.epochSeconds: -1 must be a finite number >= 0" },
        { "trainer: simulated", "trainer: {epochSeconds: 1}", "trainer.kind: (missing) is required" },
        { "trialEpochs: 40", "trialEpochs: 1", "budget.trialEpochs: 1 must be >= 2, the shortest cycle in searchSpace.cycleEpochs, or no trial fits" },
        { "maxTrials: 10", "maxTrials: 0", "budget.maxTrials: 0 must be >= 1" },
        { "maxTrials: 10", "maxTrials: 10, wallTime: 10", "budget.wallTime: 10 must be a duration such as 90s, 10m, 2h or 1h30m (units ms, s, m, h, d)" },
        { "maxTrials: 10", "maxTrials: 10, wallTime: 0s", "budget.wallTime: 0s must be longer than zero" },
        { "maxConcurrentTrials: 2", "maxConcurrentTrials: 0", "maxConcurrentTrials: 0 must be >= 1" },
        { "seed: 1", "seed: '5'", "seed: '5' must be a whole number between -2147483648 and 2147483647" },
        { "seed: 1", "seed: 1.5", "seed: 1.5 must be a whole number between -2147483648 and 2147483647" },
        { "seed: 1", "seed: 1\ndata: {trainImages: 0}", "data.trainImages: 0 must be >= 1" },
        { "name: valid", "name: ''", "name: '' must not be empty" },
        { "name: valid\n", "", "name: (missing) is required" },
        { "name: valid", "name: [a, b]", "name: [...] must be text" },
        { "strategy: adaptive", "stratgy: grid", "stratgy: grid is not a known field; did you mean 'strategy'? (known here: name, dataset, model, trainer, searchSpace, rangeTest, strategy, budget, maxConcurrentTrials, seed, data)" },
        { "maxLr: {", "maxLR: {", "searchSpace.maxLR: {...} is not a known field; did you mean 'maxLr'? (known here: maxLr, weightDecay, batchSize, cycleEpochs, momentum)" },
        { "seeds: 2", "seeds: 2, warmup: 3", "rangeTest.warmup: 3 is not a known field (known here: iterations, startLr, endLr, seeds, hessian)" },
        { "seeds: 2", "seeds: 2, hessian: yes", "rangeTest.hessian: yes must be true or false" },
        { "seeds: 2", "seeds: 2, hessian: 'true'", "rangeTest.hessian: 'true' must be true or false" },
        { "seeds: 2", "seeds: 2, hessian: 1", "rangeTest.hessian: 1 must be true or false" },
        { "seed: 1", "seed: 1\nseed: 2", "seed: (repeated) appears twice; each field may be given once" },
        { "maxLr: {min: 0.01, max: 1}", "maxLr: 5", "searchSpace.maxLr: 5 must be a mapping with fields min, max" },
    };

    [Theory]
    [MemberData(nameof(YamlMistakes))]
    public void Every_yaml_mistake_names_the_field_and_the_value(string original, string replacement, string message)
    {
        var yaml = Replace(ValidYaml, original, replacement);

        var error = Assert.Throws<SweepSpecException>(() => SweepSpecReader.ParseYaml(yaml));

        Assert.Equal(message, error.Message);
        Assert.StartsWith($"{error.Field}: {error.Value} ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    public static TheoryData<string, string> JsonMistakes => new()
    {
        { """{"name": "j", "dataset": "d", "model": "m", "searchSpace": {"maxLr": {"min": 0.1, "max": 1}}, "budget": {"trialEpochs": "20"}}""",
          "budget.trialEpochs: '20' must be a whole number between -2147483648 and 2147483647" },
        { """{"name": "j", "dataset": "d", "model": "m", "searchSpace": {"maxLr": {"min": 0.1, "max": 1}, "batchSize": [64, true]}}""",
          "searchSpace.batchSize[1]: true must be a whole number between -2147483648 and 2147483647" },
        { """{"name": "j", "name": "k"}""", "name: (repeated) appears twice; each field may be given once" },
        { """{"name": "j", "dataset": "d", "model": "m", "searchSpace": {"maxLr": {"min": 0.1, "max": 1}}, "Seed": 3}""",
          "Seed: 3 is not a known field; did you mean 'seed'? (known here: name, dataset, model, trainer, searchSpace, rangeTest, strategy, budget, maxConcurrentTrials, seed, data)" },
        { """{"name": "j", "dataset": "d", "model": "m", "searchSpace": {"maxLr": {"min": 0.1, "max": 1}}, "rangeTest": {"hessian": "true"}}""",
          "rangeTest.hessian: 'true' must be true or false" },
        { """[1, 2]""", "spec: [...] must be a mapping with fields name, dataset, model, trainer, searchSpace, rangeTest, strategy, budget, maxConcurrentTrials, seed, data" },
    };

    [Theory]
    [MemberData(nameof(JsonMistakes))]
    public void Every_json_mistake_names_the_field_and_the_value(string json, string message)
    {
        var error = Assert.Throws<SweepSpecException>(() => SweepSpecReader.ParseJson(json));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("name: [unclosed")]
    [InlineData("name: a\n  b: c\n d")]
    public void Malformed_yaml_names_the_position(string yaml)
    {
        var error = Assert.Throws<SweepSpecException>(() => SweepSpecReader.ParseYaml(yaml));

        Assert.Equal("spec", error.Field);
        Assert.Matches(@"^line \d+, column \d+$", error.Value);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Malformed_json_names_the_position()
    {
        var error = Assert.Throws<SweepSpecException>(() => SweepSpecReader.ParseJson("{\"name\": \n  \"a\" \"b\"}"));

        Assert.Equal("spec", error.Field);
        Assert.Equal("line 2, column 7", error.Value);
    }

    [Fact]
    public void An_empty_document_is_rejected()
    {
        var error = Assert.Throws<SweepSpecException>(() => SweepSpecReader.ParseYaml("# only a comment\n"));

        Assert.Equal("spec", error.Field);
    }

    [Fact]
    public void The_validator_reports_every_problem_of_a_spec_built_in_code()
    {
        var spec = SweepSpecReader.ParseYaml(ValidYaml) with { MaxConcurrentTrials = 0, Seed = 3 };
        spec = spec with { SearchSpace = spec.SearchSpace with { MaxLr = new LrRange(0, -2) } };

        var errors = SweepSpecValidator.FindErrors(spec);

        Assert.Equal(
            ["searchSpace.maxLr.min: 0 must be > 0", "searchSpace.maxLr.max: -2 must be > 0", "maxConcurrentTrials: 0 must be >= 1"],
            errors.Select(error => error.ToString()));
        var thrown = Assert.Throws<SweepSpecException>(() => SweepSpecValidator.Validate(spec));
        Assert.Equal(errors, thrown.Errors);
        Assert.Equal("searchSpace.maxLr.min", thrown.Field);
    }

    [Fact]
    public void Any_non_positive_max_lr_minimum_is_rejected_by_name()
    {
        var valid = SweepSpecReader.ParseYaml(ValidYaml);
        Gen.Double[-1e9, 0].Sample(min =>
        {
            var spec = valid with { SearchSpace = valid.SearchSpace with { MaxLr = new LrRange(min, 1) } };
            var error = Assert.Single(SweepSpecValidator.FindErrors(spec));
            Assert.Equal("searchSpace.maxLr.min", error.Field);
            Assert.Equal(SweepSpecValidatorShow(min), error.Value);
        });
    }

    [Fact]
    public void A_valid_spec_passes_unchanged()
    {
        var spec = SweepSpecReader.ParseYaml(ValidYaml);

        Assert.Empty(SweepSpecValidator.FindErrors(spec));
        Assert.Same(spec, SweepSpecValidator.Validate(spec));
    }

    private static string SweepSpecValidatorShow(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private static string Replace(string text, string original, string replacement)
    {
        Assert.Contains(original, text, StringComparison.Ordinal);
        var at = text.IndexOf(original, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + original.Length));
    }
}
