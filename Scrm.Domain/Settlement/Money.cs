namespace Scrm.Domain.Settlement;

/// <summary>Fen arithmetic for settlement: percentages of an amount, rounded half away from zero.</summary>
public static class Fen
{
    public static long Percent(long amountFen, decimal percent) => Round(amountFen * percent / 100m);

    public static long Round(decimal fen) => (long)Math.Round(fen, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Splits <paramref name="totalFen"/> by <paramref name="weights"/> so the parts sum exactly to the whole: each
    /// part gets its floor, and the fen left over go one each to the largest remainders (ties to the earlier party).
    /// A negative total (a credit) is split like its positive and negated, so a credit mirrors its bill.
    /// </summary>
    public static long[] SplitLargestRemainder(long totalFen, IReadOnlyList<decimal> weights)
    {
        if (weights.Count == 0) throw new ArgumentException("At least one share is needed.", nameof(weights));
        if (weights.Any(w => w < 0)) throw new ArgumentException("Shares cannot be negative.", nameof(weights));
        var sum = weights.Sum();
        if (sum <= 0) throw new ArgumentException("Shares must add up to more than zero.", nameof(weights));
        if (totalFen < 0) return SplitLargestRemainder(-totalFen, weights).Select(p => -p).ToArray();
        var exact = weights.Select(w => totalFen * w / sum).ToArray();
        var parts = exact.Select(e => (long)Math.Floor(e)).ToArray();
        var left = totalFen - parts.Sum();
        foreach (var i in Enumerable.Range(0, parts.Length).OrderByDescending(i => exact[i] - parts[i]).ThenBy(i => i).Take((int)left))
            parts[i]++;
        return parts;
    }
}
