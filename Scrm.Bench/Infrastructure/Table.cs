using System.Globalization;
using System.Runtime.InteropServices;

namespace Scrm.Bench.Infrastructure;

/// <summary>Plain-text tables that paste into Markdown as they are.</summary>
internal static class Table
{
    public static void Print(string title, string[] headers, IEnumerable<string[]> rows)
    {
        var all = rows.ToList();
        var widths = headers.Select((h, i) => Math.Max(Width(h), all.Select(r => Width(r[i])).DefaultIfEmpty(0).Max())).ToArray();
        Console.WriteLine();
        Console.WriteLine($"### {title}");
        Console.WriteLine();
        Console.WriteLine(Line(headers, widths));
        Console.WriteLine("|" + string.Join("|", widths.Select((w, i) => i == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
        foreach (var row in all) Console.WriteLine(Line(row, widths));
        Console.WriteLine();
    }

    public static void Machine(string scenario)
    {
        Console.WriteLine($"Scrm.Bench {scenario} · {DateTimeOffset.Now.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)} · " +
                          $"{Environment.ProcessorCount} cores · {RuntimeInformation.OSDescription} · {RuntimeInformation.FrameworkDescription} · " +
                          $"load average {LoadAverage()}");
    }

    public static string N(double value, string format = "0") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static string Line(string[] cells, int[] widths) =>
        "| " + string.Join(" | ", cells.Select((c, i) => i == 0 ? c + new string(' ', widths[i] - Width(c)) : new string(' ', widths[i] - Width(c)) + c)) + " |";

    // CJK characters take two columns in a terminal.
    private static int Width(string s) => s.Sum(c => c >= '\u2E80' ? 2 : 1);
}
