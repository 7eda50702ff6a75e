namespace Workbench.Notebooks; internal static class Placeholder {}
