using System.Globalization;
using System.Text.RegularExpressions;

namespace Scrm.Domain.Tickets;

/// <summary>Ticket numbers read GD-yyyyMMdd-NNNN: the local business day and that day's sequence.</summary>
public static partial class TicketNumber
{
    public const int MaxLength = 20;

    public static string Format(DateOnly day, int sequence)
    {
        if (sequence is < 1 or > 9999_9)
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "A day holds 1 to 99999 tickets.");
        return $"GD-{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-{sequence:D4}";
    }

    public static bool IsValid(string? number) => number is not null && Pattern().IsMatch(number);

    /// <summary>The prefix all of one day's numbers share, for finding the day's last sequence.</summary>
    public static string DayPrefix(DateOnly day) => $"GD-{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-";

    [GeneratedRegex(@"^GD-\d{8}-\d{4,5}\z")]
    private static partial Regex Pattern();
}
