using System.Text;

namespace Workbench.Runs;

/// <summary>
/// Writes that never leave a half-written file behind: write a temporary file beside the target, flush it to disk,
/// then rename it over the target (atomic on one file system).
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="contents"/> as UTF-8 (no BOM) to <paramref name="path"/>.</summary>
    public static void WriteAllText(string path, string contents) =>
        Write(path, temp =>
        {
            using var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None);
            var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(contents);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        });

    /// <summary>Lets <paramref name="writeTo"/> write a temporary path, then moves it to <paramref name="path"/>.</summary>
    public static void Write(string path, Action<string> writeTo)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(writeTo);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        string temp = path + ".tmp";
        try
        {
            writeTo(temp);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
