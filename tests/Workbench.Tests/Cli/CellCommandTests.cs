// CellCommandTests.cs: tests (CLI) of `data cells` and `evaluate`: the cell-level commands refuse what has no known cells
// before they decode anything.
namespace Workbench.Tests.Cli;

public sealed class CellCommandTests
{
    [Fact]
    public void CellCommandsRefuseDataWithoutKnownCells()
    {
        CliCommandTests.Expect(CliFixture.Workbench("data", "cells", "pbc"), 1, "only bccd has several test images per cell");
        CliCommandTests.Expect(CliFixture.Workbench("evaluate", "--checkpoint", "m.pt", "--split", "paper"), 1,
            "cells are known for --dataset bccd --split provided only");
        CliCommandTests.Expect(CliFixture.Workbench("evaluate", "--checkpoint", "a.pt", "--checkpoint", "b.pt", "--baseline", "c.pt"), 1,
            "--baseline needs one file per --checkpoint (2), got 1");
    }
}
