using System.Text;
using System.Text.RegularExpressions;

namespace Scrm.Domain.Notifications;

/// <summary>
/// A message in zh-CN and English with placeholders such as {number}. A line whose placeholder has no value (an
/// unknown ETA, no tracking link yet) is left out rather than sent with a hole in it.
/// </summary>
public sealed partial record NotificationTemplate(string SubjectZh, string BodyZh, string SubjectEn, string BodyEn)
{
    public const int SubjectMaxLength = 200;
    public const int BodyMaxLength = 2000;

    /// <summary>The placeholders a template may use; the handler fills those it knows for the event.</summary>
    public static readonly IReadOnlySet<string> Placeholders = new HashSet<string>(StringComparer.Ordinal)
    {
        "number", "status", "technician", "eta", "trackingUrl", "reason", "customer", "city", "action", "stars",
        "metric", "percent", "due", "total", "flag", "warehouse", "sku", "quantity", "reorderPoint",
    };

    /// <summary>Whether any of the four texts uses <paramref name="placeholder"/> (the handler reads only what is used).</summary>
    public bool Uses(string placeholder)
    {
        var token = "{" + placeholder + "}";
        return (SubjectZh + BodyZh + SubjectEn + BodyEn).Contains(token, StringComparison.Ordinal);
    }

    public RenderedMessage Render(string language, IReadOnlyDictionary<string, string?> values)
    {
        var english = language.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        return new RenderedMessage(
            Fill(english ? SubjectEn : SubjectZh, values).Replace('\n', ' ').Trim(),
            Fill(english ? BodyEn : BodyZh, values).Trim());
    }

    /// <summary>Placeholders in any of the four texts that <see cref="Placeholders"/> does not know.</summary>
    public IReadOnlyList<string> UnknownPlaceholders() =>
        new[] { SubjectZh, BodyZh, SubjectEn, BodyEn }
            .SelectMany(t => PlaceholderPattern().Matches(t ?? "").Select(m => m.Groups[1].Value))
            .Where(p => !Placeholders.Contains(p)).Distinct().ToList();

    private static string Fill(string text, IReadOnlyDictionary<string, string?> values)
    {
        var lines = new StringBuilder();
        foreach (var line in (text ?? "").Split('\n'))
        {
            var missing = false;
            var filled = PlaceholderPattern().Replace(line, m =>
            {
                if (values.TryGetValue(m.Groups[1].Value, out var v) && !string.IsNullOrEmpty(v)) return v;
                missing = true;
                return "";
            });
            if (missing) continue;
            if (lines.Length > 0) lines.Append('\n');
            lines.Append(filled.TrimEnd('\r'));
        }
        return lines.ToString();
    }

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex PlaceholderPattern();
}

public sealed record RenderedMessage(string Subject, string Body);
