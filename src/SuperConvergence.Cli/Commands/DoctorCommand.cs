using System.Runtime.InteropServices;

namespace SuperConvergence.Cli.Commands;

/// <summary>`sc doctor`: is this host able to train? Exit 1 with the loader's reason when torch cannot load.</summary>
public static class DoctorCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("doctor", "Check .NET, TorchSharp/libtorch, the training device and the data cache.\n\nExample:\n  sc doctor");
        command.SetAction(_ => Run(console));
        return command;
    }

    private static int Run(CliConsole console)
    {
        var report = TorchEnvironment.Probe();
        var o = console.Out;
        o.WriteLine($".NET          {RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})");
        o.WriteLine($"TorchSharp    {report.TorchSharpVersion}");
        o.WriteLine($"libtorch      {report.LibTorchVersion ?? "not loaded"}");
        o.WriteLine($"torch loads   {(report.Loaded ? "yes" : "no")}");
        o.WriteLine($"device        {report.Device}{(report.DeviceName is null ? "" : $" ({report.DeviceName})")}");
        o.WriteLine($"CPU threads   {report.CpuThreads} (of {Environment.ProcessorCount} logical processors)");
        o.WriteLine($"data cache    {DataCache.DefaultDirectory()} (set ${DataCache.EnvironmentVariable} to move it)");
        if (!report.Loaded)
        {
            throw new CliException(
                $"torch cannot load: {report.LoadError}",
                ExitCodes.Failure,
                "build through ./sc (it patches libtorch for this host's libstdc++); see README, Requirements");
        }

        var smoke = TrainingSmokeCheck.Run();
        o.WriteLine($"training      {(smoke.LossDecreased ? "ok" : "FAILED")} ({smoke.Steps} SGD steps, loss {smoke.InitialLoss:G4} -> {smoke.FinalLoss:G4})");
        return smoke.LossDecreased ? ExitCodes.Ok : ExitCodes.Failure;
    }
}
