
namespace SuperConvergence.Cli.Json;

/// <summary>
/// Every JSON document the console writes, with contracts generated at build time: camelCase keys in declaration
/// order, nulls written (a key is never missing unless its document says so), optional numbers non-finite as null.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(FiniteOrNullConverter)])]
[JsonSerializable(typeof(SweepStatusDocument))]
[JsonSerializable(typeof(IReadOnlyList<TrialEntryDocument>))]
[JsonSerializable(typeof(IReadOnlyList<BestTrialDocument>))]
[JsonSerializable(typeof(IReadOnlyList<SweepListingDocument>))]
[JsonSerializable(typeof(SubmittedSweepDocument))]
[JsonSerializable(typeof(TrialShowDocument))]
[JsonSerializable(typeof(HessianFreeDocument))]
[JsonSerializable(typeof(RangeTestReportDocument))]
[JsonSerializable(typeof(DatasetInspectionDocument))]
[JsonSerializable(typeof(TrainingSummary))]
public sealed partial class CliJsonContext : JsonSerializerContext;
