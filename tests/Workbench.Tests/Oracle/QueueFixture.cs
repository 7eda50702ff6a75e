using Workbench.Oracle;

namespace Workbench.Tests.Oracle;

/// <summary>Small label queues for the oracle tests: queries first, then CST proposals.</summary>
internal static class QueueFixture
{
    public static readonly string[] Classes = ["band", "segmented", "metamyelocyte"];

    /// <summary><paramref name="queries"/> queries and <paramref name="proposals"/> proposals (proposing class k % 3); image paths optional.</summary>
    public static LabelQueue Create(int queries, int proposals, Func<int, string?>? image = null, int round = 1)
    {
        var items = new List<QueueItem>();
        for (int k = 0; k < queries + proposals; k++)
        {
            bool proposal = k >= queries;
            items.Add(new QueueItem(k, 100 + k, proposal ? QueueItemKind.Proposal : QueueItemKind.Query, proposal ? k % 3 : null,
                0.5, [new ClassProbability(k % 3, 0.6), new ClassProbability((k + 1) % 3, 0.3), new ClassProbability((k + 2) % 3, 0.1)],
                image?.Invoke(k)));
        }
        return new LabelQueue(round, Classes, items, [new ClassExamples(0, []), new ClassExamples(1, []), new ClassExamples(2, [])]);
    }
}
