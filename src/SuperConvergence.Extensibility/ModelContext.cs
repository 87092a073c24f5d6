using static TorchSharp.torch;

namespace SuperConvergence.Extensibility;

/// <summary>
/// What a model is built for: the dataset's images (channels × height × width, normalised per channel), its classes,
/// the trainer's width multiplier (1 unless a benchmark scales every network), and the trial's seeded generator.
/// </summary>
/// <param name="Generator">
/// Seeded from the trial: draw any parameter the host does not initialise from it. After <see cref="IModelFactory.Create"/>
/// returns, the host draws every <c>Linear</c>, <c>Conv*</c> and <c>BatchNorm2d</c> parameter from the same seed, as it does
/// for its own models, so a trial's weights depend on its seed alone.
/// </param>
public sealed record ModelContext(int Channels, int Height, int Width, int ClassCount, double WidthMultiplier, Generator Generator);
