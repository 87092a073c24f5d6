namespace SuperConvergence.Grains.Hosting;

/// <summary>How many training slots this silo offers (one per GPU on GPU hosts, a few per CPU host).</summary>
public sealed class WorkerSlotsOptions
{
    /// <summary>The most slots one silo offers: more sweeps' trials at once run on more silos.</summary>
    public const int MaxSlots = 1024;

    public const int DefaultSlots = 1;

    public int Slots { get; set; } = DefaultSlots;

    /// <summary>What is wrong with offering <paramref name="slots"/> slots, or null when nothing is.</summary>
    public static string? SlotsProblem(int slots) => slots is >= 1 and <= MaxSlots ? null : $"must be between 1 and {MaxSlots}";
}

public sealed class WorkerSlotsOptionsValidator : IValidateOptions<WorkerSlotsOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerSlotsOptions options) =>
        WorkerSlotsOptions.SlotsProblem(options.Slots) is { } problem
            ? ValidateOptionsResult.Fail($"Slots: {options.Slots} {problem}")
            : ValidateOptionsResult.Success;
}
