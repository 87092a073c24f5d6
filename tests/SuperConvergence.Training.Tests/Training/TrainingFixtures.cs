using SuperConvergence.Core.Schedules;
using SuperConvergence.Testing.Files;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Data.Formats;
using SuperConvergence.Training.Training;

namespace SuperConvergence.Training.Tests.Training;

/// <summary>Tiny plans and data caches that train in well under a second per epoch.</summary>
internal static class TrainingFixtures
{
    /// <summary>A run on the in-memory synthetic set (1×12×12, four classes, 512 training images).</summary>
    public static TrainingPlan SyntheticPlan(ScheduleRecipe schedule, int epochs = 3, string model = "resnet-small", OptimizerSettings? optimizer = null, int seed = 1) =>
        new("synthetic", model, optimizer ?? OptimizerSettings.Sgd(5e-4), schedule, epochs, BatchSize: 64, seed, WidthMultiplier: 0.5);

    /// <summary>
    /// A cache holding a miniature CIFAR-10 (prototype-plus-noise 3×32×32 images in the binary batch format), so a
    /// run exercises the crop-and-flip augmentation and its random draws.
    /// </summary>
    public static TemporaryDirectory MiniatureCifarCache()
    {
        var cache = TemporaryDirectory.Create();
        var images = SyntheticImages.Generate(6 * 40, Cifar10BatchFile.Shape, 10, seed: 17);
        var files = DatasetCatalog.Get("cifar10").RequiredFiles;
        for (var i = 0; i < files.Count; i++)
        {
            Cifar10BatchFile.Write(cache.File(Path.Combine("cifar10", files[i])), images.Select([.. Enumerable.Range(i * 40, 40)]));
        }

        return cache;
    }
}
