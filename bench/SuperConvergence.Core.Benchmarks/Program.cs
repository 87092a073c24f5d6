using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(SuperConvergence.Core.Benchmarks.ScheduleBenchmarks).Assembly).Run(args);
