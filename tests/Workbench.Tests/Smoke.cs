namespace Workbench.Tests; public class Smoke { [Xunit.Fact] public void Runs() => Xunit.Assert.True(true); }
