using System.Globalization;

namespace Scrm.App.Features.Settlement;

/// <summary>Fen as the page shows them.</summary>
public static class Yuan
{
    public static string Format(long fen) => (fen / 100m).ToString("¥#,##0.00;-¥#,##0.00", CultureInfo.InvariantCulture);

    public static string Percent(decimal? percent) => percent is { } p ? p.ToString("0.#", CultureInfo.InvariantCulture) + " %" : "—";
}
