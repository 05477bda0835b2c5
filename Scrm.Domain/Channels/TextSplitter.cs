using System.Text;

namespace Scrm.Domain.Channels;

/// <summary>Cuts a long text into parts a gateway accepts, never inside a character.</summary>
public static class TextSplitter
{
    /// <summary>WeCom's limit for an application text message.</summary>
    public const int WeComMaxBytes = 2048;

    /// <summary>
    /// Parts of at most <paramref name="maxBytes"/> UTF-8 bytes each, cut between Unicode scalar values (a Chinese
    /// character or an emoji stays whole), preferring a line break in the second half of a part.
    /// </summary>
    public static IReadOnlyList<string> SplitUtf8(string text, int maxBytes = WeComMaxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 4);
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes) return [text];
        var parts = new List<string>();
        var part = new StringBuilder();
        var bytes = 0;
        var lastBreak = -1;
        foreach (var rune in text.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (bytes + size > maxBytes)
            {
                var cut = lastBreak > part.Length / 2 ? lastBreak : part.Length;
                parts.Add(part.ToString(0, cut));
                var carried = part.ToString(cut, part.Length - cut);
                part.Clear().Append(carried);
                bytes = Encoding.UTF8.GetByteCount(carried);
                lastBreak = -1;
            }
            part.Append(rune.ToString());
            bytes += size;
            if (rune.Value == '\n') lastBreak = part.Length;
        }
        if (part.Length > 0) parts.Add(part.ToString());
        return parts;
    }
}
