using SuperConvergence.Core.Trials;
using SuperConvergence.Testing.Files;
using SuperConvergence.Testing.TorchScript;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Models;
using SuperConvergence.Training.Tests.Training;
using SuperConvergence.Training.Training;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Tests.Models;

/// <summary>
/// Modules saved as TorchScript, loaded by libtorch's own reader and trained like the catalog's networks. The archives
/// are written by the tests' own writer in torch.jit.save's layout (this machine has no PyTorch).
/// </summary>
public sealed class TorchScriptModelTests : IDisposable
{
    private static readonly ImageShape Synthetic = new(1, 12, 12);

    private readonly TemporaryDirectory _files = new("sc-torchscript");

    [Fact]
    public void A_saved_module_loads_with_its_weights_and_every_parameter_trainable()
    {
        var archive = _files.File("perceptron.pt");
        TorchScriptArchive.WritePerceptron(archive, inputs: 144, hidden: 16, classes: 4, seed: 1);
        var name = new TorchScriptModelReference(archive).ModelName;

        Assert.Null(ModelCatalog.Problem(name, Synthetic, 4));
        using var first = ModelCatalog.Create(new ModelRequest(name, Synthetic, 4), new Generator(1));
        using var second = ModelCatalog.Create(new ModelRequest(name, Synthetic, 4), new Generator(2));

        Assert.Equal(["script.w1", "script.b1", "script.w2", "script.b2"], first.named_parameters().Select(p => p.name));
        Assert.All(first.parameters(), p => Assert.True(p.requires_grad));
        // The archive's weights, whatever the seed.
        Assert.All(first.parameters().Zip(second.parameters()), pair => Assert.True(pair.First.allclose(pair.Second, rtol: 0, atol: 0)));
        using var noGrad = no_grad();
        Assert.Equal([3L, 4L], first.call(zeros(3, 1, 12, 12)).shape);
    }

    [Fact]
    public async Task A_torchscript_module_trains_1cycle_and_resumes_exactly_from_its_checkpoint()
    {
        var archive = _files.File("perceptron.pt");
        TorchScriptArchive.WritePerceptron(archive, inputs: 144, hidden: 32, classes: 4, seed: 2);
        var trainer = new TorchTrainer(new DatasetStore(Path.GetTempPath()), CPU);
        var config = new TrialConfig("synthetic", new TorchScriptModelReference(archive).ModelName, MaxLr: 0.5, DivFactor: 25, FinalDivFactor: 1e4, WeightDecay: 5e-4,
            BatchSize: 64, CycleEpochs: 2, BaseMomentum: 0.85, MaxMomentum: 0.95, Seed: 5, TrainImages: 512);
        var observer = new RecordingObserver();

        var outcome = await trainer.TrainAsync(config, null, observer, TestContext.Current.CancellationToken);
        var resumed = await trainer.TrainAsync(config, observer.Checkpoints[0], new RecordingObserver(), TestContext.Current.CancellationToken);

        Assert.Equal(TrialEnd.Completed, outcome.Status);
        // Four synthetic classes: well above chance says the scripted weights learn.
        Assert.True(outcome.Last!.TestAccuracy > 0.5, $"accuracy {outcome.Last.TestAccuracy}");
        var only = Assert.Single(resumed.Epochs);
        Assert.Equal(outcome.Last.TestLoss, only.TestLoss, 1e-5);
        Assert.Equal(outcome.Last.TestAccuracy, only.TestAccuracy);
    }

    [Fact]
    public void A_missing_archive_is_named_with_the_directory_a_relative_path_is_read_from()
    {
        Assert.Equal(
            $"names TorchScript module 'no/such/module.pt', which does not exist (a relative path is read from the working directory, {Environment.CurrentDirectory})",
            ModelCatalog.Problem("torchscript:no/such/module.pt", Synthetic, 4));
    }

    [Fact]
    public void A_file_libtorch_cannot_load_is_refused_with_the_first_line_of_its_error()
    {
        var archive = _files.File("garbage.pt");
        File.WriteAllText(archive, "not a zip archive");

        var problem = ModelCatalog.Problem(new TorchScriptModelReference(archive).ModelName, Synthetic, 4);

        Assert.StartsWith($"names '{archive}', which is not a TorchScript module libtorch can load: ", problem);
        Assert.DoesNotContain('\n', problem!);
    }

    [Fact]
    public void A_module_whose_output_does_not_match_the_classes_is_refused_with_both_shapes()
    {
        var archive = _files.File("seven.pt");
        TorchScriptArchive.WritePerceptron(archive, inputs: 144, hidden: 8, classes: 7, seed: 1);

        Assert.Equal(
            "gives [2, 7] for 2 images of 1x12x12; the dataset has 4 classes, so it must give [2, 4]",
            ModelCatalog.Problem(new TorchScriptModelReference(archive).ModelName, Synthetic, 4));
    }

    [Fact]
    public void A_module_for_other_images_is_refused_with_libtorch_s_reason()
    {
        var archive = _files.File("mnist-sized.pt");
        TorchScriptArchive.WritePerceptron(archive, inputs: 784, hidden: 8, classes: 4, seed: 1);

        var problem = ModelCatalog.Problem(new TorchScriptModelReference(archive).ModelName, Synthetic, 4);

        Assert.StartsWith("fails on 2 images of 1x12x12: ", problem);
        Assert.DoesNotContain('\n', problem!);
    }

    public void Dispose() => _files.Dispose();
}
