namespace Workbench.Oracle;

/// <summary>What an answer or undo request did.</summary>
/// <param name="Recorded">True when a journal entry was written (and flushed); false when the request changed nothing.</param>
/// <param name="Seq">The entry's number when recorded.</param>
public sealed record AnswerOutcome(bool Recorded, long? Seq);

/// <summary>
/// A label queue open for answering: queue.json plus journal.jsonl in one folder (<see cref="HumanOracle.QueueFolder"/>).
/// Every request is checked against the state, appended to the journal and flushed before the state changes and the call
/// returns; requests are serialised by a lock, so two browser tabs on one queue can neither lose nor duplicate an answer.
/// </summary>
public sealed class LabelSession : IDisposable
{
    /// <summary>File name of the questions.</summary>
    public const string QueueFile = "queue.json";

    /// <summary>File name of the answers.</summary>
    public const string JournalFile = "journal.jsonl";

    private readonly object _gate = new();
    private readonly AnswerJournal _journal;
    private readonly QueueState _state;

    private LabelSession(string folder, LabelQueue queue, AnswerJournal journal, QueueState state)
    {
        Folder = folder;
        Queue = queue;
        _journal = journal;
        _state = state;
    }

    /// <summary>The queue's folder.</summary>
    public string Folder { get; }

    /// <summary>The questions.</summary>
    public LabelQueue Queue { get; }

    /// <summary>Writes a new queue into <paramref name="folder"/> (atomically); refuses to replace a different one, whose answers would no longer fit.</summary>
    /// <exception cref="InvalidOperationException">The folder holds another queue.</exception>
    public static void Create(string folder, LabelQueue queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        queue.Validated();
        var path = System.IO.Path.Combine(folder, QueueFile);
        if (File.Exists(path))
        {
            var existing = LabelQueue.FromJson(File.ReadAllText(path), path);
            if (!existing.Items.Select(i => (i.SampleId, i.Kind)).SequenceEqual(queue.Items.Select(i => (i.SampleId, i.Kind))))
                throw new InvalidOperationException($"'{path}' holds another queue for round {existing.Round}; its answers would not fit the new one. Move the folder away to start over.");
            return;
        }
        Directory.CreateDirectory(folder);
        // Temporary file, flushed, then renamed: a crash never leaves half a queue behind.
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(System.Text.Encoding.UTF8.GetBytes(queue.ToJson()));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Opens the queue in <paramref name="folder"/> for answering and replays its journal.</summary>
    /// <exception cref="FileNotFoundException">The folder holds no queue.</exception>
    /// <exception cref="InvalidDataException">The queue or journal is damaged; names the file and line.</exception>
    /// <exception cref="IOException">Another process has the queue open for answering.</exception>
    public static LabelSession Open(string folder)
    {
        var queue = ReadQueue(folder);
        var journal = AnswerJournal.OpenForAppend(System.IO.Path.Combine(folder, JournalFile), out var entries);
        try
        {
            return new LabelSession(folder, queue, journal, Replay(queue, entries));
        }
        catch
        {
            journal.Dispose();
            throw;
        }
    }

    /// <summary>The answers in <paramref name="folder"/> as they stand, read without opening the queue for writing.</summary>
    public static QueueState ReadState(string folder) =>
        Replay(ReadQueue(folder), AnswerJournal.Read(System.IO.Path.Combine(folder, JournalFile)));

    /// <summary>Runs <paramref name="read"/> on the current state under the session's lock (the state must not escape).</summary>
    public T Read<T>(Func<QueueState, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate) return read(_state);
    }

    /// <summary>Records <paramref name="answer"/> for item <paramref name="queueId"/>; a repeat of the answer in force records nothing.</summary>
    /// <exception cref="QueueAnswerException">No such item, or the answer does not fit it.</exception>
    public AnswerOutcome Answer(int queueId, QueueAnswer answer, string? source = null) =>
        Submit(new JournalEntry(0, queueId, answer, null, DateTimeOffset.UtcNow, source));

    /// <summary>Takes back answer <paramref name="seq"/> of item <paramref name="queueId"/>; one already taken back records nothing.</summary>
    /// <exception cref="QueueAnswerException">No such item, or the answer was replaced since.</exception>
    public AnswerOutcome Undo(int queueId, long seq, string? source = null) =>
        Submit(new JournalEntry(0, queueId, null, seq, DateTimeOffset.UtcNow, source));

    /// <summary>Closes the journal.</summary>
    public void Dispose() => _journal.Dispose();

    private AnswerOutcome Submit(JournalEntry request)
    {
        lock (_gate)
        {
            var entry = _state.Check(request);
            if (entry is null) return new AnswerOutcome(false, null);
            _journal.Append(entry); // durable before the state (and so any reply) shows it
            _state.Apply(entry);
            return new AnswerOutcome(true, entry.Seq);
        }
    }

    private static LabelQueue ReadQueue(string folder)
    {
        var path = System.IO.Path.Combine(folder, QueueFile);
        if (!File.Exists(path)) throw new FileNotFoundException($"'{folder}' holds no label queue ({QueueFile}).", path);
        return LabelQueue.FromJson(File.ReadAllText(path), path);
    }

    private static QueueState Replay(LabelQueue queue, IReadOnlyList<JournalEntry> entries)
    {
        var state = new QueueState(queue);
        foreach (var entry in entries) state.Apply(entry);
        return state;
    }
}
