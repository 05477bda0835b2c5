using System.Globalization;

namespace Scrm.Bench.Infrastructure;

/// <summary>A set of latency samples in milliseconds, with nearest-rank percentiles.</summary>
internal sealed class Latencies
{
    private readonly List<double> _ms = [];
    private double[]? _sorted;

    public Latencies() { }

    public Latencies(IEnumerable<double> ms) => _ms.AddRange(ms);

    public int Count => _ms.Count;

    public void Add(double ms)
    {
        _ms.Add(ms);
        _sorted = null;
    }

    public double Percentile(double p)
    {
        if (_ms.Count == 0) return double.NaN;
        _sorted ??= [.. _ms.Order()];
        var rank = (int)Math.Ceiling(p / 100.0 * _sorted.Length);
        return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
    }

    public double Mean => _ms.Count == 0 ? double.NaN : _ms.Average();

    public double Max => _ms.Count == 0 ? double.NaN : _ms.Max();

    public static string Ms(double value) =>
        double.IsNaN(value) ? "-" : value.ToString(value < 10 ? "0.000" : value < 100 ? "0.00" : "0.0", CultureInfo.InvariantCulture);
}
