using SharpFuzz;
using SuperConvergence.Fuzz;

// `SuperConvergence.Fuzz TARGET` runs afl's fork server over one target (build/fuzz/run.sh starts it under afl-fuzz);
// `SuperConvergence.Fuzz TARGET --replay FILE...` feeds saved inputs once each and prints what became of them.
FuzzTarget[] targets = [new SweepSpecTarget(), new RangeTestCurveTarget(), new DatasetFileTarget(), new CheckpointTarget()];
var target = args.Length > 0 ? targets.FirstOrDefault(t => t.Name == args[0]) : null;
if (target is null || (args.Length > 1 && args[1] != "--replay"))
{
    Console.Error.WriteLine($"TARGET: '{(args.Length > 0 ? args[0] : "")}' is not a fuzz target; usage: SuperConvergence.Fuzz TARGET [--replay FILE...]");
    foreach (var known in targets)
    {
        Console.Error.WriteLine($"  {known.Name,-11} {known.Description}");
    }

    return 2;
}

if (args.Length > 1)
{
    return Replay.Run(target, args[2..], Console.Out);
}

// Out of process: a stack overflow or a hang kills the child, not the fork server, and afl still hears of it.
Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target.Run(buffer.ToArray());
});
return 0;
