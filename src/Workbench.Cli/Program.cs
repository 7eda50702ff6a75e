using System.CommandLine;
using Workbench.Cli;

Terminal.Configure();
var root = new RootCommand("Workbench: semi-supervised + active learning on blood-cell images.\n" + ExitCodes.Help);
root.Subcommands.Add(InfoCommand.Create());
root.Subcommands.Add(DataCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(PretrainCommand.Create());
root.Subcommands.Add(ScoreCommand.Create());
root.Subcommands.Add(EvaluateCommand.Create());
root.Subcommands.Add(NotebookCommand.Create());
root.Subcommands.Add(KernelCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ReproduceCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(LabelCommand.Create());
return root.Parse(args).Invoke();
