using Microsoft.Extensions.Options;

namespace SuperConvergence.Grains.Hosting;

/// <summary>How many training slots this silo offers (one per GPU on GPU hosts, a few per CPU host).</summary>
public sealed class WorkerSlotsOptions
{
    /// <summary>The most slots one silo offers: more sweeps' trials at once run on more silos.</summary>
    public const int MaxSlots = 1024;

    public int Slots { get; set; } = 1;
}

public sealed class WorkerSlotsOptionsValidator : IValidateOptions<WorkerSlotsOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerSlotsOptions options) =>
        options.Slots is >= 1 and <= WorkerSlotsOptions.MaxSlots
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Slots: {options.Slots} must be between 1 and {WorkerSlotsOptions.MaxSlots}");
}
