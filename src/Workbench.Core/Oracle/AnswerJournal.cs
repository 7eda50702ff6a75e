using System.Text;
using System.Text.Json;
using Workbench.Config;

namespace Workbench.Oracle;

/// <summary>
/// The append-only journal of a label queue: one JSON entry per line, each written whole and flushed to the disk (fsync)
/// before <see cref="Append"/> returns, so an answer that was acknowledged survives a crash. A crash while writing can
/// leave only the last line incomplete (no line end): readers ignore it, and the writer cuts it off before appending.
/// Only one writer at a time (a lock file beside the journal); readers may read while it writes.
/// </summary>
public sealed class AnswerJournal : IDisposable
{
    private readonly FileStream _stream;
    private readonly FileStream _lock;

    private AnswerJournal(FileStream stream, FileStream lockFile)
    {
        _stream = stream;
        _lock = lockFile;
    }

    /// <summary>The journal file.</summary>
    public string Path => _stream.Name;

    /// <summary>The complete entries of the journal at <paramref name="path"/> (none when it does not exist); an incomplete last line is ignored.</summary>
    /// <exception cref="InvalidDataException">A complete line is not a journal entry; names the line.</exception>
    public static IReadOnlyList<JournalEntry> Read(string path)
    {
        if (!File.Exists(path)) return [];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return Parse(bytes, path, out _);
    }

    /// <summary>
    /// Opens the journal for appending (created when missing), after cutting off an incomplete last line left by a crash.
    /// <paramref name="entries"/> are the complete entries already there.
    /// </summary>
    /// <exception cref="IOException">Another process writes this journal (e.g. a second labelling page on the same run).</exception>
    public static AnswerJournal OpenForAppend(string path, out IReadOnlyList<JournalEntry> entries)
    {
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new IOException($"The answers in '{path}' are being written by another process (a labelling page open on this run?): {e.Message}", e);
        }
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            entries = Parse(bytes, path, out long complete);
            if (complete < bytes.Length)
            {
                stream.SetLength(complete); // the torn line was never acknowledged
                stream.Flush(flushToDisk: true);
            }
            stream.Seek(0, SeekOrigin.End);
            return new AnswerJournal(stream, lockFile);
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>Writes <paramref name="entry"/> as one line and flushes it to the disk before returning.</summary>
    public void Append(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, StoredJson.Compact) + "\n");
        _stream.Write(line);
        _stream.Flush(flushToDisk: true);
    }

    /// <summary>Closes the journal and releases the writer's lock.</summary>
    public void Dispose()
    {
        _stream.Dispose();
        _lock.Dispose();
    }

    private static List<JournalEntry> Parse(byte[] bytes, string path, out long completeLength)
    {
        int end = Array.LastIndexOf(bytes, (byte)'\n');
        completeLength = end + 1;
        var entries = new List<JournalEntry>();
        int lineNumber = 0, start = 0;
        while (start < completeLength)
        {
            int stop = Array.IndexOf(bytes, (byte)'\n', start);
            lineNumber++;
            var line = bytes.AsSpan(start, stop - start);
            start = stop + 1;
            if (line.IsEmpty) continue;
            try
            {
                entries.Add(JsonSerializer.Deserialize<JournalEntry>(line, StoredJson.Compact)
                    ?? throw new InvalidDataException("null entry"));
            }
            catch (Exception e) when (e is JsonException or InvalidDataException)
            {
                throw new InvalidDataException($"'{path}' line {lineNumber} is not a journal entry ({e.Message}); the journal was altered by hand or damaged.", e);
            }
        }
        return entries;
    }
}
