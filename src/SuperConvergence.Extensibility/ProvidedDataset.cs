namespace SuperConvergence.Extensibility;

/// <summary>
/// A provider's dataset: the sample shape (channels × height × width; a feature vector is features × 1 × 1), the
/// number of classes (2 to 256; labels are 0 … ClassCount − 1) and the train and test sets. The host refuses, in one
/// line, sets whose features and labels disagree in length or whose values are not finite.
/// </summary>
public sealed record ProvidedDataset(int Channels, int Height, int Width, int ClassCount, SampleSet Train, SampleSet Test);
