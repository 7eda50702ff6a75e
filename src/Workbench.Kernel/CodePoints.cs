namespace Workbench.Kernel;

/// <summary>Converts between Jupyter cursor positions (code points, protocol 5.2+) and UTF-16 string indices.</summary>
internal static class CodePoints
{
    /// <summary>The UTF-16 index of code point <paramref name="codePoints"/> in <paramref name="text"/> (clamped to the text).</summary>
    public static int ToUtf16(string text, int codePoints)
    {
        int index = 0;
        for (int seen = 0; seen < codePoints && index < text.Length; seen++)
            index += char.IsSurrogatePair(text, index) ? 2 : 1;
        return index;
    }

    /// <summary>How many code points precede UTF-16 index <paramref name="index"/>.</summary>
    public static int FromUtf16(string text, int index)
    {
        int count = 0;
        for (int i = 0; i < Math.Min(index, text.Length); i += char.IsSurrogatePair(text, i) ? 2 : 1) count++;
        return count;
    }
}
