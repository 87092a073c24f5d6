using System.Text.Json.Serialization;

namespace SuperConvergence.Core.Trials.Command;

/// <summary>The <c>config.json</c> contract, generated at build time.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CommandTrainingConfig))]
[JsonSerializable(typeof(CommandRangeTestConfig))]
internal sealed partial class CommandTrialJsonContext : JsonSerializerContext;
