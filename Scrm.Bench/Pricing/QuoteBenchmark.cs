using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Scrm.Domain.Customers;
using Scrm.Domain.Pricing;

namespace Scrm.Bench.Pricing;

/// <summary>
/// Quoting a 20-line ticket against 500 active rules (issue 10's figure: ≤ 50 µs median):
/// <c>dotnet run -c Release --project Scrm.Bench -- bdn --filter *Quote*</c>. The baseline sums 20 fixed prices,
/// the least any quote must do.
/// </summary>
[Config(typeof(Config))]
public class QuoteBenchmark
{
    private PriceBook _book = default!;
    private QuoteContext _context = default!;
    private QuoteLineInput[] _lines = default!;
    private long[] _fixedPrices = default!;

    [GlobalSetup]
    public void Setup()
    {
        (_book, _context, _lines) = Build();
        var problems = _book.Validate();
        if (problems.Count > 0) throw new InvalidOperationException(string.Join(" ", problems.Take(5).Select(p => p.Message)));
        var check = PriceEngine.Quote(_book, _context, _lines);
        if (check.Problems.Count > 0 || check.Lines.Count != 20) throw new InvalidOperationException("The sample ticket does not price cleanly.");
        _fixedPrices = [.. check.Lines.Select(l => l.NetFen)];
    }

    [Benchmark(Baseline = true, Description = "Sum 20 fixed prices")]
    public long SumFixed()
    {
        long total = 0;
        foreach (var price in _fixedPrices) total += price;
        return total;
    }

    [Benchmark(Description = "Quote 20 lines / 500 rules")]
    public long Quote20Lines() => PriceEngine.Quote(_book, _context, _lines).TotalFen;

    /// <summary>500 rules: 400 price list entries over 100 items × 4 regions, 40 tiers, 40 promotions, 12 rates, 4 member discounts, 4 coefficients.</summary>
    public static (PriceBook Book, QuoteContext Context, QuoteLineInput[] Lines) Build()
    {
        string[] regions = ["华东", "华南", "华北", "西南"];
        var prices = new List<PriceListEntry>();
        for (var item = 0; item < 100; item++)
            for (var r = 0; r < regions.Length; r++)
                prices.Add(new PriceListEntry($"P-{item}-{r}", $"ITEM-{item}", 10_000 + item * 137 + r * 11, Region: regions[r]));
        var tiers = Enumerable.Range(0, 40).Select(i => new TierRule($"T-{i}", $"阶梯 {i}", TierBasis.Quantity,
            [new TierBand(0, 5, 0), new TierBand(5, 20, 3), new TierBand(20, null, 6)], ItemCode: $"ITEM-{i}")).ToList();
        var spring = new ValidityWindow(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.FromHours(8)));
        var promotions = Enumerable.Range(0, 40).Select(i => new Promotion($"PR-{i}", $"促销 {i}", $"CAT-{i % 20}", 10 + i % 5,
            spring, Region: regions[i / 20 % regions.Length])).ToList();
        var rates = Enumerable.Range(0, 12).Select(i => new UrgencyRate($"U-{i}", (Urgency)(i % 3), 8000 + i * 1000, Region: regions[i / 3])).ToList();
        var book = new PriceBook(prices, tiers, rates, promotions,
            [new("M-S", CustomerTier.Silver, 2), new("M-G", CustomerTier.Gold, 5), new("M-P", CustomerTier.Platinum, 10), new("M-0", CustomerTier.Standard, 0)],
            regions.Select((r, i) => new RegionalCoefficient($"C-{i}", r, 0.9m + i * 0.05m)),
            thresholds: [new Threshold("GOLD", 300_000, "GoldServiceChannel", "金牌服务通道")]);
        var context = new QuoteContext("华东", "上海", CustomerType.Chain, CustomerTier.Gold,
            new DateTimeOffset(2026, 3, 15, 10, 0, 0, TimeSpan.FromHours(8)), Urgency.Express);
        var lines = Enumerable.Range(0, 20).Select(i => i % 5 == 4
            ? new QuoteLineInput("LABOUR", LineKind.Labour, "工时", 1.5m)
            : new QuoteLineInput($"ITEM-{i * 3}", i % 2 == 0 ? LineKind.Part : LineKind.ServiceItem, $"CAT-{i % 20}", 1 + i, UnderWarranty: i == 7)).ToArray();
        return (book, context, lines);
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
            AddColumn(StatisticColumn.Median, StatisticColumn.P95);
            AddDiagnoser(MemoryDiagnoser.Default);
            WithOptions(ConfigOptions.JoinSummary);
            WithArtifactsPath(Path.Combine(Path.GetTempPath(), "scrm-bench-artifacts"));
        }
    }
}
