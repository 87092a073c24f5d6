using System.Buffers;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.GeneratedCodeHelpers;
using Orleans.Serialization.Serializers;
using Orleans.Serialization.WireProtocol;

namespace SuperConvergence.Core.Search;

/// <summary>
/// Orleans' codec for a field declared <see cref="TrialProposal"/> (grain state, wire records): whatever the subtype,
/// it writes the flat <see cref="StoredTrialProposal"/> under the base type with no type of its own, field for field
/// what the single proposal record wrote before the hierarchy, and reads it back as the subtype its kind names. A
/// surrogate converter for the base type cannot do this: Orleans' surrogate codec hands a value of another runtime type
/// on to that type's codec after recording it for reference tracking, and that codec then writes a reference to it.
/// </summary>
[RegisterSerializer]
internal sealed class TrialProposalCodec(IValueSerializer<StoredTrialProposal> stored) : IFieldCodec<TrialProposal>
{
    private static readonly Type DeclaredType = typeof(TrialProposal);

    public void WriteField<TBufferWriter>(ref Writer<TBufferWriter> writer, uint fieldIdDelta, Type? expectedType, TrialProposal? value)
        where TBufferWriter : IBufferWriter<byte>
    {
        if (value is null)
        {
            ReferenceCodec.WriteNullReference(ref writer, fieldIdDelta);
            return;
        }

        if (ReferenceCodec.TryWriteReferenceField(ref writer, fieldIdDelta, expectedType, value))
        {
            return;
        }

        writer.WriteStartObject(fieldIdDelta, expectedType, DeclaredType);
        var surrogate = StoredTrialProposal.Of(value);
        stored.Serialize(ref writer, ref surrogate);
        writer.WriteEndObject();
    }

    public TrialProposal? ReadValue<TInput>(ref Reader<TInput> reader, Field field)
    {
        if (field.WireType == WireType.Reference)
        {
            return ReferenceCodec.ReadReference<TrialProposal, TInput>(ref reader, field);
        }

        if (field.FieldType is not null && field.FieldType != DeclaredType)
        {
            return OrleansGeneratedCodeHelper.DeserializeUnexpectedType<TInput, TrialProposal>(ref reader, ref field);
        }

        field.EnsureWireTypeTagDelimited();
        var placeholder = ReferenceCodec.CreateRecordPlaceholder(reader.Session);
        var surrogate = default(StoredTrialProposal);
        stored.Deserialize(ref reader, ref surrogate);
        var proposal = surrogate.ToProposal();
        ReferenceCodec.RecordObject(reader.Session, proposal, placeholder);
        return proposal;
    }
}
