namespace SuperConvergence.Training.Data;

/// <summary>Training-time augmentation, applied to batches on the device: random crop after zero padding, horizontal flip.</summary>
public sealed record Augmentation(int CropPadding, bool HorizontalFlip)
{
    public static Augmentation None { get; } = new(0, false);

    public bool IsNone => CropPadding == 0 && !HorizontalFlip;
}
