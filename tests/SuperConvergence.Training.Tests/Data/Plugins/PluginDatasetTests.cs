using SuperConvergence.Core.Datasets;
using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials.Tabular;
using SuperConvergence.Testing.Files;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Data.Plugins;
using SuperConvergence.Training.Training;

namespace SuperConvergence.Training.Tests.Data.Plugins;

/// <summary>Datasets from users' plugin assemblies: loaded like a dataset of files, refused in one line when they cannot be trained on.</summary>
public sealed class PluginDatasetTests : IDisposable
{
    private const string Spirals = "SuperConvergence.Examples.ModelPlugin.Spirals";

    private readonly TemporaryDirectory _cache = new("sc-plugin-data");

    public void Dispose() => _cache.Dispose();

    [Fact]
    public void The_example_provider_s_spirals_load_with_their_shape_classes_statistics_and_a_stable_fingerprint()
    {
        var reference = new PluginDatasetReference(PluginAssemblies.Example, Spirals);

        var first = PluginDatasets.Load(reference, _cache.Path);
        var second = PluginDatasets.Load(reference, _cache.Path);

        Assert.Equal(reference.DatasetName, first.Name);
        Assert.Equal("Spirals", first.DisplayName);
        Assert.Equal(new ImageShape(2, 1, 1), first.Shape);
        Assert.Equal(3, first.ClassCount);
        Assert.Equal((1800, 300), (first.Splits.Train.Count, first.Splits.Test.Count));
        Assert.Equal(2, first.Splits.Statistics!.Mean.Length);
        Assert.Equal(first.ContentFingerprint, second.ContentFingerprint);
        Assert.Equal(first.Splits.Train.Features, second.Splits.Train.Features);
    }

    [Fact]
    public void A_store_prepares_a_plugin_s_dataset_by_its_name_with_the_run_s_selection()
    {
        var store = new DatasetStore(_cache.Path);
        var name = new PluginDatasetReference(PluginAssemblies.Example, Spirals).DatasetName;

        var (definition, data) = store.Prepare(name, new DataSelection(TrainSubset: 500, ValidationCount: 100, TestSubset: 50));

        Assert.IsType<PluginDatasetDefinition>(definition);
        Assert.Equal((500, 100, 50), (data.Train.Count, data.Validation!.Count, data.Test.Count));
        Assert.NotNull(data.Statistics);
        Assert.Same(definition, store.Prepare(name, DataSelection.All).Definition);
    }

    [Theory]
    [InlineData("EXAMPLE", "SuperConvergence.Examples.ModelPlugin.SmallConvNet", "names type 'SuperConvergence.Examples.ModelPlugin.SmallConvNet', which does not implement SuperConvergence.Extensibility.IDatasetProvider (contract 1)")]
    [InlineData("EXAMPLE", "SuperConvergence.Examples.ModelPlugin.Missing", "names type 'SuperConvergence.Examples.ModelPlugin.Missing', which EXAMPLE does not have; its dataset providers: SuperConvergence.Examples.ModelPlugin.Spirals")]
    [InlineData("OTHER", "SuperConvergence.Fixtures.OtherContractPlugin.NextContractModel", "names plugin 'OTHER', built for plugin contract 2; this build has contract 1: rebuild it against this SuperConvergence.Extensibility")]
    [InlineData("BROKEN", "SuperConvergence.Fixtures.BrokenPlugin.MismatchedLengths", "gives train features and labels of different lengths: 6 labels need 12 values of 2×1×1 samples, the features hold 10")]
    public void A_plugin_dataset_that_cannot_be_trained_on_is_refused_in_one_line_at_submit(string assembly, string type, string expected)
    {
        var path = assembly switch { "EXAMPLE" => PluginAssemblies.Example, "OTHER" => PluginAssemblies.OtherContract, _ => PluginAssemblies.Broken };
        var reference = new PluginDatasetReference(path, type);

        var problem = PluginDatasets.Problem(reference, _cache.Path);
        var refused = Assert.Throws<SweepSpecException>(() => SweepTrainerRequirements.Require(Spec(reference.DatasetName, "mlp"), new TrialTableCache()));

        Assert.Equal(expected.Replace(assembly, path, StringComparison.Ordinal), problem);
        Assert.Equal($"dataset: '{reference.DatasetName}' {problem}", refused.Message);
    }

    [Fact]
    public void A_model_that_does_not_fit_the_plugin_s_samples_is_refused_at_submit()
    {
        var name = new PluginDatasetReference(PluginAssemblies.Example, Spirals).DatasetName;

        Assert.Empty(SweepTrainerRequirements.Problems(Spec(name, "mlp"), new TrialTableCache()));
        var problem = Assert.Single(SweepTrainerRequirements.Problems(Spec(name, "resnet-20"), new TrialTableCache()));
        Assert.Equal("model", problem.Field);
    }

    private static SweepSpec Spec(string dataset, string model) => SweepSpecReader.ParseYaml($$"""
        name: plugin-data
        dataset: "{{dataset}}"
        model: {{model}}
        trainer: torch
        searchSpace: {maxLr: {min: 0.01, max: 1}, weightDecay: [0.0005], batchSize: [64], cycleEpochs: [2]}
        strategy: random
        budget: {trialEpochs: 4, maxTrials: 2}
        """);
}
