using System.Globalization;
using SuperConvergence.Core.RangeTests;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Core.Tests.Sweeps;

/// <summary>Every documented limit of a spec (docs/sweep-spec.md, "Limits"), at its edge: the limit passes, one past it is refused.</summary>
public sealed class SweepSpecLimitTests
{
    private const string Spec = """
        name: NAME
        dataset: synthetic
        model: simulated
        trainer: simulated
        searchSpace:
          maxLr: {min: 0.01, max: 1}
          weightDecay: DECAYS
          batchSize: [128]
          cycleEpochs: [2]
        rangeTest: {iterations: ITERATIONS}
        strategy: adaptive
        budget: {trialEpochs: 40, maxTrials: 10}

        """;

    private static string With(string name = "limits", int decays = 1, int iterations = 100) =>
        Spec.Replace("NAME", name)
            .Replace("DECAYS", "[" + string.Join(", ", Enumerable.Range(1, decays).Select(i => (i * 1e-6).ToString("R", CultureInfo.InvariantCulture))) + "]")
            .Replace("ITERATIONS", iterations.ToString(CultureInfo.InvariantCulture));

    [Fact]
    public void A_spec_of_the_limits_length_is_read_and_one_character_more_is_refused_before_parsing()
    {
        var spec = With();
        var atLimit = spec + "#" + new string('x', SweepSpecLimits.MaxSpecCharacters - spec.Length - 1);

        Assert.Equal(SweepSpecLimits.MaxSpecCharacters, atLimit.Length);
        Assert.Equal("limits", SweepSpecReader.ParseYaml(atLimit).Name);
        var error = Assert.Throws<SweepSpecException>(() => SweepSpecReader.ParseYaml(atLimit + "x"));
        Assert.Equal("spec: 1048577 characters is more than the limit of 1048576", error.Message);
    }

    [Fact]
    public void A_name_of_100_characters_is_accepted_and_one_of_101_is_refused()
    {
        Assert.Equal(100, SweepSpecReader.ParseYaml(With(name: new string('a', 100))).Name.Length);

        var error = Assert.Throws<SweepSpecException>(() => SweepSpecReader.ParseYaml(With(name: new string('a', 101))));
        Assert.Equal("name: 'aaaaaaaaaaaaaaaaaaaa…' (101 characters) must be at most 100 characters", error.Message);
    }

    [Theory]
    [InlineData("fmnist.v2_try-3", null)]
    [InlineData("'my sweep'", "name: 'my sweep' must be letters, digits, '.', '_' or '-', starting with a letter or digit (it names folders and files)")]
    [InlineData("'../up'", "name: '../up' must be letters, digits, '.', '_' or '-', starting with a letter or digit (it names folders and files)")]
    [InlineData("'-x'", "name: '-x' must be letters, digits, '.', '_' or '-', starting with a letter or digit (it names folders and files)")]
    public void A_sweeps_name_must_be_usable_in_folder_and_file_names(string name, string? expected)
    {
        if (expected is null)
        {
            Assert.Equal(name, SweepSpecReader.ParseYaml(With(name: name)).Name);
            return;
        }

        Assert.Equal(expected, Assert.Throws<SweepSpecException>(() => SweepSpecReader.ParseYaml(With(name: name))).Message);
    }

    [Fact]
    public void A_list_of_1000_choices_is_accepted_and_one_of_1001_is_refused()
    {
        Assert.Equal(1000, SweepSpecReader.ParseYaml(With(decays: 1000)).SearchSpace.WeightDecay.Count);

        var error = Assert.Throws<SweepSpecException>(() => SweepSpecReader.ParseYaml(With(decays: 1001)));
        Assert.Equal("searchSpace.weightDecay: 1001 values is more than the limit of 1000", error.Message);
    }

    [Fact]
    public void A_range_test_of_100000_iterations_is_accepted_and_one_more_is_refused()
    {
        Assert.Equal(RangeTestPlan.MaxIterations, SweepSpecReader.ParseYaml(With(iterations: 100_000)).RangeTest.Iterations);

        var error = Assert.Throws<SweepSpecException>(() => SweepSpecReader.ParseYaml(With(iterations: 100_001)));
        Assert.Equal("rangeTest.iterations: 100001 must be <= 100000", error.Message);
        Assert.Equal(100_000, new RangeTestPlan(1e-5, 10, 100_000, RangeTestRamp.Exponential).Iterations);
        Assert.Throws<Core.Schedules.ScheduleSettingException>(() => new RangeTestPlan(1e-5, 10, 100_001, RangeTestRamp.Exponential));
    }

}
