using RecoFunctions.Local.Cli;

return await RecoCommandLine.InvokeAsync(args, RecoConsole.FromProcess());
