using SuperConvergence.Training.Checkpoints;

namespace SuperConvergence.Fuzz;

/// <summary>
/// A training checkpoint as <c>TrainingSession.RestoreCheckpoint</c> reads it up to the model: the envelope (magic,
/// version, length, SHA-256), the header (fingerprint, epoch, step), the generator-state section and the end marker.
/// Version 1 files carry no checksum, so mutations reach the header and sections; version 2 inputs test the framing.
/// The model and optimiser sections between are TorchSharp's own format and are not fuzzed here.
/// </summary>
internal sealed class CheckpointTarget : FuzzTarget
{
    public override string Name => "checkpoint";

    public override string Description => "checkpoint envelope, header and section reader";

    protected override void Read(byte[] input)
    {
        using var stream = new MemoryStream(input, writable: false);
        var (_, reader) = CheckpointEnvelope.Open(stream);
        using (reader)
        {
            CheckpointEnvelope.ReadBlob(reader);
            CheckpointEnvelope.ReadEnd(reader);
        }
    }

    protected override bool IsDocumentedRejection(Exception rejection) => rejection is CheckpointMismatchException;
}
