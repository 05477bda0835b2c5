using System.Globalization;

namespace Scrm.Domain.Settlement;

/// <summary>A settlement month in business time (Asia/Shanghai), written "2026-11".</summary>
public readonly record struct SettlementPeriod(int Year, int Month) : IComparable<SettlementPeriod>
{
    public const int TextLength = 7;

    public static SettlementPeriod Of(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return new SettlementPeriod(local.Year, local.Month);
    }

    public static bool TryParse(string? text, out SettlementPeriod period)
    {
        period = default;
        if (text is not { Length: TextLength } || text[4] != '-') return false;
        if (!int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || year < 2000 || year > 2100 || month is < 1 or > 12) return false;
        period = new SettlementPeriod(year, month);
        return true;
    }

    public SettlementPeriod Next() => Month == 12 ? new(Year + 1, 1) : new(Year, Month + 1);

    public SettlementPeriod Previous() => Month == 1 ? new(Year - 1, 12) : new(Year, Month - 1);

    public int CompareTo(SettlementPeriod other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    public override string ToString() => $"{Year:D4}-{Month:D2}";
}
