using SuperConvergence.Core.Trials;
using SuperConvergence.Testing.Files;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Models;
using SuperConvergence.Training.Tests.Training;
using SuperConvergence.Training.Training;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Tests.Models;

/// <summary>Models from users' plugin assemblies: built, trained and checkpointed like the catalog's, refused in one line when they cannot be.</summary>
public sealed class PluginModelTests
{
    private static readonly ImageShape Grey = new(1, 28, 28);

    private static string SmallConvNet => PluginAssemblies.Model(PluginAssemblies.Example, "SuperConvergence.Examples.ModelPlugin.SmallConvNet");

    [Fact]
    public void A_plugin_s_factory_builds_a_network_whose_weights_depend_on_the_seed_alone()
    {
        Assert.Null(ModelCatalog.Problem(SmallConvNet, Grey, 10));

        using var a = Build(SmallConvNet, 3);
        using var b = Build(SmallConvNet, 3);
        using var c = Build(SmallConvNet, 4);
        var weights = a.parameters().Select(p => p.clone()).ToList();
        Assert.All(weights.Zip(b.parameters()), pair => Assert.True(pair.First.allclose(pair.Second, rtol: 0, atol: 0)));
        Assert.Contains(weights.Zip(c.parameters()), pair => !pair.First.allclose(pair.Second, rtol: 0, atol: 0));
        using var noGrad = no_grad();
        Assert.Equal([5L, 10L], a.call(zeros(5, 1, 28, 28)).shape);
    }

    [Fact]
    public async Task A_plugin_model_trains_1cycle_and_resumes_exactly_from_its_checkpoint()
    {
        var trainer = new TorchTrainer(new DatasetStore(Path.GetTempPath()), CPU);
        var config = new TrialConfig("synthetic", SmallConvNet, MaxLr: 0.2, DivFactor: 25, FinalDivFactor: 1e4, WeightDecay: 5e-4, BatchSize: 64,
            CycleEpochs: 2, BaseMomentum: 0.85, MaxMomentum: 0.95, Seed: 5, TrainImages: 256);
        var observer = new RecordingObserver();

        var outcome = await trainer.TrainAsync(config, null, observer, TestContext.Current.CancellationToken);
        var resumed = await trainer.TrainAsync(config, observer.Checkpoints[0], new RecordingObserver(), TestContext.Current.CancellationToken);

        Assert.Equal(TrialEnd.Completed, outcome.Status);
        Assert.Equal(2, outcome.Epochs.Count);
        // Ten synthetic classes: twice chance after two short epochs says it learns; the seed makes it exact.
        Assert.True(outcome.Last!.TestAccuracy > 0.2, $"accuracy {outcome.Last.TestAccuracy}");
        var only = Assert.Single(resumed.Epochs);
        Assert.Equal(outcome.Last.TestLoss, only.TestLoss, 1e-5);
    }

    [Fact]
    public void A_missing_plugin_file_is_named_with_the_directory_a_relative_path_is_read_from()
    {
        var problem = ModelCatalog.Problem(PluginAssemblies.Model("no/such/plugin.dll", "A.B"), Grey, 10);

        Assert.Equal($"names plugin 'no/such/plugin.dll', which does not exist (a relative path is read from the working directory, {Environment.CurrentDirectory})", problem);
    }

    [Fact]
    public void A_file_that_is_not_an_assembly_is_refused_by_name()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sc-not-a-plugin-{Guid.NewGuid():N}.dll");
        File.WriteAllText(path, "MZ but not really");
        try
        {
            Assert.Equal($"names plugin '{path}', which is not a .NET assembly", ModelCatalog.Problem(PluginAssemblies.Model(path, "A.B"), Grey, 10));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_assembly_without_the_plugin_marker_is_not_a_plugin()
    {
        // The contract itself is a .NET assembly without [assembly: SuperConvergencePlugin].
        var contract = typeof(Extensibility.IModelFactory).Assembly.Location;

        var problem = ModelCatalog.Problem(PluginAssemblies.Model(contract, "A.B"), Grey, 10);

        Assert.Equal($"names '{contract}', which is not a SuperConvergence plugin: it has no [assembly: SuperConvergencePlugin(PluginContract.Version)]", problem);
    }

    [Fact]
    public void A_plugin_built_for_another_contract_is_refused_with_both_versions()
    {
        var problem = ModelCatalog.Problem(PluginAssemblies.Model(PluginAssemblies.OtherContract, "SuperConvergence.Fixtures.OtherContractPlugin.NextContractModel"), Grey, 10);

        Assert.Equal(
            $"names plugin '{PluginAssemblies.OtherContract}', built for plugin contract {Extensibility.PluginContract.Version + 1}; this build has contract {Extensibility.PluginContract.Version}: rebuild it against this SuperConvergence.Extensibility",
            problem);
    }

    [Fact]
    public void A_type_the_plugin_lacks_is_named_beside_the_factories_it_has()
    {
        var problem = ModelCatalog.Problem(PluginAssemblies.Model(PluginAssemblies.Example, "SuperConvergence.Examples.ModelPlugin.Missing"), Grey, 10);

        Assert.Equal(
            $"names type 'SuperConvergence.Examples.ModelPlugin.Missing', which {PluginAssemblies.Example} does not have; its model factories: SuperConvergence.Examples.ModelPlugin.SmallConvNet, SuperConvergence.Examples.ModelPlugin.TwinMultilayerPerceptron",
            problem);
    }

    [Fact]
    public void A_type_that_is_not_a_model_factory_is_refused()
    {
        var problem = ModelCatalog.Problem(PluginAssemblies.Model(PluginAssemblies.Broken, "SuperConvergence.Fixtures.BrokenPlugin.NotAFactory"), Grey, 10);

        Assert.Equal("names type 'SuperConvergence.Fixtures.BrokenPlugin.NotAFactory', which does not implement SuperConvergence.Extensibility.IModelFactory (contract 1)", problem);
    }

    [Fact]
    public void A_network_whose_output_does_not_match_the_classes_is_refused_with_both_shapes()
    {
        var problem = ModelCatalog.Problem(PluginAssemblies.Model(PluginAssemblies.Broken, "SuperConvergence.Fixtures.BrokenPlugin.SevenLogits"), Grey, 10);

        Assert.Equal("gives [2, 7] for 2 images of 1x28x28; the dataset has 10 classes, so it must give [2, 10]", problem);
    }

    [Fact]
    public void A_factory_that_throws_is_reported_with_its_exception_in_one_line()
    {
        var problem = ModelCatalog.Problem(PluginAssemblies.Model(PluginAssemblies.Broken, "SuperConvergence.Fixtures.BrokenPlugin.ThrowingFactory"), Grey, 10);

        Assert.Equal("fails to build a network for 1x28x28 images and 10 classes: InvalidOperationException: no network for you", problem);
    }

    [Fact]
    public void A_plugin_name_without_its_type_is_not_a_model_name()
    {
        Assert.Equal(
            "must be plugin:PATH#TYPE (the assembly's path and its model factory's full type name)",
            ModelCatalog.Problem($"plugin:{PluginAssemblies.Example}", Grey, 10));
    }

    private static nn.Module<Tensor, Tensor> Build(string model, int seed)
    {
        using var generator = new Generator((ulong)seed);
        return ModelCatalog.Create(new ModelRequest(model, Grey, 10), generator);
    }
}
