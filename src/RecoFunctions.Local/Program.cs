using RecoFunctions.Local.Cli.Shared;

return await RecoCommandLine.InvokeAsync(args, RecoConsole.FromProcess());
