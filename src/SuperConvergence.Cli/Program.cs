using SuperConvergence.Cli;

// Before libtorch runs anything: oneDNN's AVX-512 kernels compute NaN for narrow networks on some CPUs.
CpuKernelGuard.Apply();
return await CliApp.RunAsync(args, CliConsole.System);
