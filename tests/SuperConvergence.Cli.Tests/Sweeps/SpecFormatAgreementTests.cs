using System.Text.Json;
using SuperConvergence.Cli.Sweeps;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Grains.Hosting;
using SuperConvergence.Testing.Files;

namespace SuperConvergence.Cli.Tests.Sweeps;

/// <summary>
/// The console reads a spec file and sends its text; the coordinator reads that text again without the file's name.
/// Both must read every spec the same way, whichever way it is written.
/// </summary>
public sealed class SpecFormatAgreementTests
{
    // Starts with '{' like JSON, but its keys are not quoted: YAML only.
    private const string FlowYaml = """
        {name: flow, dataset: synthetic, model: simulated, trainer: {kind: simulated, epochSeconds: 0.5},
         searchSpace: {maxLr: {min: 0.01, max: 1}, weightDecay: [1e-4, 5e-4], batchSize: [128]},
         budget: {trialEpochs: 10, maxTrials: 3}, seed: 7}
        """;

    // Valid JSON, and so valid YAML too, in a file named .yaml.
    private const string JsonInYaml = """
        {"name": "json-in-yaml", "dataset": "synthetic", "model": "simulated", "trainer": {"kind": "simulated", "epochSeconds": 0.5},
         "searchSpace": {"maxLr": {"min": 0.01, "max": 1}, "weightDecay": [1e-4, 5e-4], "batchSize": [128]},
         "budget": {"trialEpochs": 10, "maxTrials": 3}, "seed": 7}
        """;

    private const string BlockYaml = """
        name: block
        dataset: synthetic
        model: simulated
        trainer: {kind: simulated, epochSeconds: 0.5}
        searchSpace:
          maxLr: {min: 0.01, max: 1}
          weightDecay: [1e-4, 5e-4]
          batchSize: [128]
        budget: {trialEpochs: 10, maxTrials: 3}
        seed: 7
        """;

    [Theory]
    [InlineData("flow.yaml", FlowYaml, SweepSpecFormat.Yaml)]
    [InlineData("flow.yml", FlowYaml, SweepSpecFormat.Yaml)]
    [InlineData("flow.txt", FlowYaml, SweepSpecFormat.Yaml)]
    [InlineData("json.yaml", JsonInYaml, SweepSpecFormat.Json)]
    [InlineData("json.json", JsonInYaml, SweepSpecFormat.Json)]
    [InlineData("block.yaml", BlockYaml, SweepSpecFormat.Yaml)]
    public void The_console_and_the_coordinator_read_a_spec_file_alike(string fileName, string text, SweepSpecFormat format)
    {
        using var directory = new TemporaryDirectory("sc-spec-format");
        var path = directory.File(fileName);
        File.WriteAllText(path, text);

        var read = SpecFile.Read(path);
        var received = new SweepSpecTextParser().Parse(read.Text);

        Assert.Equal(format, SweepSpecReader.FormatOf(read.Text));
        Assert.Equal(JsonSerializer.Serialize(SweepSpecReader.Parse(text, format)), JsonSerializer.Serialize(read.Spec));
        Assert.Equal(JsonSerializer.Serialize(read.Spec), JsonSerializer.Serialize(received));
    }

    [Fact]
    public void A_json_file_that_is_not_json_is_refused_as_json_and_never_read_as_yaml()
    {
        using var directory = new TemporaryDirectory("sc-spec-format");
        var path = directory.File("flow.json");
        File.WriteAllText(path, FlowYaml);

        var refused = Assert.Throws<CliException>(() => SpecFile.Read(path));

        Assert.Contains("is not valid JSON", refused.Message, StringComparison.Ordinal);
    }
}
