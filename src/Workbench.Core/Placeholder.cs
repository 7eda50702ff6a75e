namespace Workbench; internal static class Placeholder {}
