System.Console.WriteLine("workbench");
