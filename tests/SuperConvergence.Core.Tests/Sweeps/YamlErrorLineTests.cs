using SuperConvergence.Core.Sweeps;

namespace SuperConvergence.Core.Tests.Sweeps;

public sealed class YamlErrorLineTests
{
    private static readonly string[] Spec =
    [
        "# a spec whose line 14 is indented with a tab",
        "name: tabbed",
        "dataset: synthetic",
        "model: simulated",
        "trainer: simulated",
        "searchSpace:",
        "  maxLr: {min: 0.001, max: 10}",
        "  weightDecay: [1e-4, 5e-4]",
        "  batchSize: [128, 512]",
        "  cycleEpochs: [1, 2, 4]",
        "  momentum: {base: 0.85, max: 0.95}",
        "rangeTest:",
        "  iterations: 200",
        "\tstartLr: 1e-5",
        "  endLr: 10",
        "strategy: adaptive",
    ];

    [Fact]
    public void A_tab_indenting_line_14_is_reported_at_line_14()
    {
        // YamlDotNet's error points at the start of the enclosing mapping, which was reported as line 1.
        var error = Assert.Throws<SweepSpecException>(() => SweepSpecReader.ParseYaml(string.Join('\n', Spec)));

        Assert.Equal("spec", error.Field);
        Assert.Equal("line 14, column 1", error.Value);
        Assert.Contains("tab", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tab_on_line_14_of_the_quick_example_is_reported_at_line_14_not_line_1()
    {
        var lines = File.ReadAllLines(RepositoryFiles.PathOf("examples/simulated-quick.yaml"));
        Assert.Equal("  iterations: 200", lines[13]);
        lines[13] = "\t" + lines[13].TrimStart();

        var error = Assert.Throws<SweepSpecException>(() => SweepSpecReader.ParseYaml(string.Join('\n', lines)));

        Assert.Equal("line 14, column 1", error.Value);
    }

    [Fact]
    public void A_tab_indenting_a_nested_line_is_reported_at_its_line()
    {
        string[] lines = [.. Spec[..13], "  startLr: 1e-5", "  endLr:\t10", "searchSpace2:", "\t  a: 1"];

        var error = Assert.Throws<SweepSpecException>(() => SweepSpecReader.ParseYaml(string.Join('\n', lines)));

        Assert.Equal("line 17, column 1", error.Value);
    }

    [Fact]
    public void Other_yaml_errors_keep_the_parsers_position()
    {
        var error = Assert.Throws<SweepSpecException>(() => SweepSpecReader.ParseYaml("name: a\ndataset: b\nmodel: m: n\n"));

        Assert.Equal("spec", error.Field);
        Assert.Equal("line 3, column 9", error.Value);
    }

    [Fact]
    public void An_unclosed_flow_sequence_is_a_spec_error_with_a_line_not_a_crash()
    {
        // YamlDotNet throws InvalidOperationException here, which reached the console as an unknown failure (exit 1).
        var error = Assert.Throws<SweepSpecException>(() => SweepSpecReader.ParseYaml("name: a\ndataset: [unclosed\nmodel: m\n"));

        Assert.Equal("spec", error.Field);
        Assert.Matches(@"^line [23], column \d+$", error.Value);
        Assert.StartsWith("is not valid YAML", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_spec_without_the_tab_reads()
    {
        var spec = string.Join('\n', Spec.Where((_, i) => i != 13)) + "\n";

        Assert.Equal("tabbed", SweepSpecReader.ParseYaml(spec).Name);
    }
}
