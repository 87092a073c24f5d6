namespace SuperConvergence.Training.Data.Formats;

/// <summary>An MNIST-layout pair: an N×H×W image file and an N-long label file.</summary>
public static class IdxImageSet
{
    public static LabelledImages Read(string imagesPath, string labelsPath, int classCount) =>
        Parse(imagesPath, DataFileStream.ReadAll(imagesPath), labelsPath, DataFileStream.ReadAll(labelsPath), classCount);

    /// <summary>The pair from the two files' bytes as stored; errors name the file at fault.</summary>
    public static LabelledImages Parse(string imagesPath, byte[] storedImages, string labelsPath, byte[] storedLabels, int classCount)
    {
        var images = IdxFile.Parse(imagesPath, storedImages);
        if (images.Dimensions.Length != 3)
        {
            throw new DatasetFormatException(
                imagesPath,
                $"expected a 3-dimensional image array (count x height x width), found {images.Dimensions.Length} dimensions");
        }

        var labels = IdxFile.Parse(labelsPath, storedLabels);
        if (labels.Dimensions.Length != 1)
        {
            throw new DatasetFormatException(labelsPath, $"expected a 1-dimensional label array, found {labels.Dimensions.Length} dimensions");
        }

        if (labels.Dimensions[0] != images.Dimensions[0])
        {
            throw new DatasetFormatException(
                labelsPath,
                $"holds {labels.Dimensions[0]} labels but {Path.GetFileName(imagesPath)} holds {images.Dimensions[0]} images");
        }

        var bad = Array.FindIndex(labels.Data, label => label >= classCount);
        if (bad >= 0)
        {
            throw new DatasetFormatException(labelsPath, $"label {labels.Data[bad]} at index {bad} is outside 0..{classCount - 1}");
        }

        var shape = new ImageShape(1, images.Dimensions[1], images.Dimensions[2]);
        return new LabelledImages(shape, classCount, images.Data, labels.Data);
    }
}
