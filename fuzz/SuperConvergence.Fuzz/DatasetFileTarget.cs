using System.Buffers.Binary;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Data.Formats;

namespace SuperConvergence.Fuzz;

/// <summary>
/// The dataset file readers, raw or gzipped. The first byte picks the format: even, a CIFAR-10 binary batch (the rest
/// of the input); odd, an MNIST-layout IDX pair, where the next four bytes (big-endian) say how many of the following
/// bytes are the images file, and the remainder is the labels file.
/// </summary>
internal sealed class DatasetFileTarget : FuzzTarget
{
    private const int ClassCount = 10;
    private const int PairHeaderLength = 5;

    public override string Name => "dataset";

    public override string Description => "IDX image/label pair and CIFAR-10 batch readers (raw or gzip)";

    protected override void Read(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        if (input[0] % 2 == 0)
        {
            Cifar10BatchFile.Parse("data_batch_1.bin", input[1..]);
            return;
        }

        if (input.Length < PairHeaderLength)
        {
            return;
        }

        var rest = input.AsSpan(PairHeaderLength);
        var imagesLength = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(input.AsSpan(1)), (uint)rest.Length);
        IdxImageSet.Parse("train-images-idx3-ubyte", rest[..imagesLength].ToArray(), "train-labels-idx1-ubyte", rest[imagesLength..].ToArray(), ClassCount);
    }

    protected override bool IsDocumentedRejection(Exception rejection) => rejection is DatasetFormatException;
}
