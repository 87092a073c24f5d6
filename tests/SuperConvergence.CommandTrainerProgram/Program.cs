using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using SuperConvergence.CommandTrainerProgram;

// Usage: PROGRAM [--misbehave MODE] [--at N] [--in train|range_test|probe] [--epoch-ms MS] [--pid-file PATH] [--diverge-above LR]
// MODE: exit-at-once | silent | garbage | nan | hang | ignore-term | child | no-checkpoint | extra-line | fail-at-end
var arguments = ProgramArguments.Parse(args);
var config = TrialFile.Read(Environment.GetEnvironmentVariable("SC_TRIAL_CONFIG")
    ?? throw new InvalidOperationException("SC_TRIAL_CONFIG is not set: run me through the command trainer"));
if (arguments.PidFile is { } pidFile)
{
    File.WriteAllText(pidFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
}

// The worker holds stdin open and sends nothing: its end means the worker is gone, and so should this program be.
var watcher = new Thread(() =>
{
    while (Console.In.Read() >= 0)
    {
    }

    Environment.Exit(0);
}) { IsBackground = true };
watcher.Start();

using var termination = arguments.Misbehave == "ignore-term"
    ? PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => context.Cancel = true)
    : null;

var run = new MadeUpTraining(config, arguments);
return run.Mode == "range_test" ? run.RangeTest() : run.Train();
