using SuperConvergence.Core.Sweeps;
using SuperConvergence.Training.Command;

namespace SuperConvergence.Cli.Sweeps;

/// <summary>
/// Before a sweep with a command trainer is started or submitted, its program's probe run
/// (<see cref="CommandTrainerProbe"/>): a program that exits at once, prints nothing or prints garbage is refused with
/// exit 2 and one line naming trainer.run, so nothing is submitted and no trial fails for it.
/// </summary>
public static class CommandTrainerCheck
{
    /// <summary>How long a probe's program has between SIGTERM and SIGKILL: the probe saves nothing worth waiting for.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    public static async Task RequireAsync(SpecFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Spec.Trainer is not { Kind: TrainerKind.Command, Command: { } command })
        {
            return;
        }

        var work = Directory.CreateTempSubdirectory("sc-probe-");
        try
        {
            var probe = new CommandTrainerProbe(new CommandTrainerOptions(work.FullName) { StopGrace = StopGrace });
            if (await probe.ProblemAsync(file.Spec, cancellationToken) is { } problem)
            {
                throw new CliException($"{file.Path}: trainer.run: '{string.Join(' ', command.Run)}' {problem}", ExitCodes.BadInput);
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
