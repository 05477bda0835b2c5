using System.Numerics;

namespace Scrm.Domain.Dispatch.Batch;

/// <summary>
/// The optimiser's inner loops over one row of technicians, four or eight at a time: they are nearly all of its time,
/// and a queue whose scores are correlated makes each search settle most technicians.
/// </summary>
internal static class TechnicianScan
{
    /// <summary>key = cost − pi.</summary>
    public static void Start(Span<long> key, ReadOnlySpan<long> cost, ReadOnlySpan<long> pi)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= key.Length - Vector<long>.Count; i += Vector<long>.Count)
                (new Vector<long>(cost[i..]) - new Vector<long>(pi[i..])).CopyTo(key[i..]);
        for (; i < key.Length; i++) key[i] = cost[i] - pi[i];
    }

    /// <summary>The first index of the least key, or -1 when none is below <paramref name="below"/>.</summary>
    public static int ArgMin(ReadOnlySpan<long> key, long below)
    {
        var least = long.MaxValue;
        var i = 0;
        if (Vector.IsHardwareAccelerated && key.Length >= Vector<long>.Count)
        {
            var mins = new Vector<long>(long.MaxValue);
            for (; i <= key.Length - Vector<long>.Count; i += Vector<long>.Count)
                mins = Vector.Min(mins, new Vector<long>(key[i..]));
            for (var lane = 0; lane < Vector<long>.Count; lane++) least = Math.Min(least, mins[lane]);
        }
        for (; i < key.Length; i++) least = Math.Min(least, key[i]);
        return least < below ? key.IndexOf(least) : -1;
    }

    /// <summary>Where open and cand = basis + move − pi is below key: key = cand, pred = from.</summary>
    public static void Relax(Span<long> key, Span<long> pred, ReadOnlySpan<long> open, ReadOnlySpan<long> move,
        ReadOnlySpan<long> pi, long basis, long from)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var b = new Vector<long>(basis);
            var f = new Vector<long>(from);
            for (; i <= key.Length - Vector<long>.Count; i += Vector<long>.Count)
            {
                var k = new Vector<long>(key[i..]);
                var cand = b + new Vector<long>(move[i..]) - new Vector<long>(pi[i..]);
                var better = Vector.LessThan(cand, k) & new Vector<long>(open[i..]);
                Vector.ConditionalSelect(better, cand, k).CopyTo(key[i..]);
                Vector.ConditionalSelect(better, f, new Vector<long>(pred[i..])).CopyTo(pred[i..]);
            }
        }
        for (; i < key.Length; i++)
        {
            var cand = basis + move[i] - pi[i];
            if (open[i] != 0 && cand < key[i]) { key[i] = cand; pred[i] = from; }
        }
    }

    /// <summary>Where cost − own is below best: best = cost − own, who = row.</summary>
    public static void Lower(Span<long> best, Span<long> who, ReadOnlySpan<long> cost, long own, long row)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var o = new Vector<long>(own);
            var r = new Vector<long>(row);
            for (; i <= best.Length - Vector<long>.Count; i += Vector<long>.Count)
            {
                var v = new Vector<long>(cost[i..]) - o;
                var current = new Vector<long>(best[i..]);
                var better = Vector.LessThan(v, current);
                Vector.ConditionalSelect(better, v, current).CopyTo(best[i..]);
                Vector.ConditionalSelect(better, r, new Vector<long>(who[i..])).CopyTo(who[i..]);
            }
        }
        for (; i < best.Length; i++)
        {
            var v = cost[i] - own;
            if (v < best[i]) { best[i] = v; who[i] = row; }
        }
    }
}
