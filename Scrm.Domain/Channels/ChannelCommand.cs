namespace Scrm.Domain.Channels;

/// <summary>What a customer asked for in a chat message.</summary>
public abstract record ChannelCommand
{
    public const int DescriptionMaxLength = 500;

    /// <summary>"报修 门店咖啡机不出水", "报修：…", "repair …": open a ticket for the fault described.</summary>
    public sealed record Repair(string Description) : ChannelCommand;

    /// <summary>"查询" / "进度" / "status": the sender's open tickets.</summary>
    public sealed record Status : ChannelCommand;

    /// <summary>Anything else, or a repair without a description: answered with how to use the channel.</summary>
    public sealed record Unknown(string Text) : ChannelCommand;

    private static readonly string[] RepairWords = ["报修", "repair"];
    private static readonly string[] StatusWords = ["查询", "进度", "status"];
    private static readonly char[] Separators = [' ', '\u3000', ':', '：', ',', '，', '-', '\t', '\n', '\r'];

    public static ChannelCommand Parse(string? text)
    {
        var trimmed = (text ?? "").Trim();
        if (Keyword(trimmed, RepairWords) is { } rest)
            return rest.Length == 0 ? new Unknown(trimmed) : new Repair(rest.Length > DescriptionMaxLength ? rest[..DescriptionMaxLength] : rest);
        if (Keyword(trimmed, StatusWords) is not null) return new Status();
        return new Unknown(trimmed);
    }

    /// <summary>The text after a leading keyword and its separators; null when the text does not start with one.</summary>
    private static string? Keyword(string text, string[] words)
    {
        foreach (var word in words)
        {
            if (!text.StartsWith(word, StringComparison.OrdinalIgnoreCase)) continue;
            var rest = text[word.Length..];
            // "repairs" is not "repair …"; Chinese needs no space after the keyword.
            if (rest.Length > 0 && char.IsAsciiLetter(word[0]) && char.IsAsciiLetterOrDigit(rest[0])) continue;
            return rest.TrimStart(Separators).Trim();
        }
        return null;
    }
}
