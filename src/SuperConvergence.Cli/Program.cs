using SuperConvergence.Cli;

return await CliApp.RunAsync(args, CliConsole.System);
