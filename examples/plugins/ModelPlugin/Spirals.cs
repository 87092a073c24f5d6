using SuperConvergence.Extensibility;

namespace SuperConvergence.Examples.ModelPlugin;

/// <summary>
/// An example dataset provider: three interleaved spirals in the plane (two features, three classes), with noise,
/// generated from the context's seed, so every worker makes the same samples without a download. A linear model
/// cannot separate them; an MLP can, which makes the LR it is trained with matter.
/// </summary>
public sealed class Spirals : IDatasetProvider
{
    private const int Arms = 3;
    private const int TrainPerArm = 600;
    private const int TestPerArm = 100;

    public ProvidedDataset Load(DatasetContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var random = new Random(context.Seed);
        return new ProvidedDataset(Channels: 2, Height: 1, Width: 1, ClassCount: Arms, Set(random, TrainPerArm), Set(random, TestPerArm));
    }

    private static SampleSet Set(Random random, int perArm)
    {
        var features = new float[Arms * perArm * 2];
        var labels = new int[Arms * perArm];
        for (var i = 0; i < labels.Length; i++)
        {
            var arm = i % Arms;
            var radius = random.NextDouble();
            var angle = (radius * 2 * Math.PI) + (arm * 2 * Math.PI / Arms) + ((random.NextDouble() - 0.5) * 0.3);
            features[2 * i] = (float)(radius * Math.Cos(angle));
            features[(2 * i) + 1] = (float)(radius * Math.Sin(angle));
            labels[i] = arm;
        }

        return new SampleSet(features, labels);
    }
}
