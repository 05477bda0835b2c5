using Scrm.Domain.Customers;
using Scrm.Domain.Pricing;

namespace Scrm.Tests.Pricing;

/// <summary>Seeded random tickets against the golden book: the same seeds every run, so a failure reproduces.</summary>
public sealed class PriceEnginePropertyTests
{
    private static readonly string[] Regions = ["华东", "华南", "华北", "西南"];
    private static readonly string[] Cities = ["上海", "杭州", "广州", "北京", "成都", "重庆"];
    private static readonly (string Code, LineKind Kind, string Category)[] Items =
    [
        ("SVC-AC-CLEAN", LineKind.ServiceItem, "空调清洗"), ("PART-RO", LineKind.Part, "净水"), ("PART-PP", LineKind.Part, "净水"),
        ("LABOUR", LineKind.Labour, "工时"), ("PKG-YEAR", LineKind.ServiceItem, "维保套餐"), ("TRAVEL", LineKind.Other, "差旅"), ("NOPE", LineKind.Part, "杂项"),
    ];

    public static IEnumerable<object[]> Seeds => Enumerable.Range(1, 200).Select(seed => new object[] { seed });

    private static (QuoteContext Context, List<QuoteLineInput> Lines) RandomTicket(int seed)
    {
        var random = new Random(seed);
        var context = new QuoteContext(Regions[random.Next(Regions.Length)], Cities[random.Next(Cities.Length)],
            (CustomerType)random.Next(2), (CustomerTier)random.Next(4),
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)).AddHours(random.Next(24 * 500)), (Urgency)random.Next(3));
        var lines = Enumerable.Range(0, random.Next(0, 25)).Select(_ =>
        {
            var item = Items[random.Next(Items.Length)];
            return new QuoteLineInput(item.Code, item.Kind, item.Category, random.Next(-2, 120) / (random.Next(2) == 0 ? 1m : 4m),
                random.Next(3) == 0 ? null : random.Next(0, 900_000), random.Next(4) == 0);
        }).ToList();
        return (context, lines);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TotalsAreTheSumOfTheLines(int seed)
    {
        var (context, lines) = RandomTicket(seed);

        var result = PriceEngine.Quote(GoldenBook.Build(), context, lines);

        result.TotalFen.ShouldBe(result.Lines.Sum(l => l.NetFen));
        result.DiscountFen.ShouldBe(result.Lines.Sum(l => l.DiscountFen));
        result.GrossFen.ShouldBe(result.Lines.Sum(l => l.GrossFen));
        result.TotalFen.ShouldBe(result.GrossFen - result.DiscountFen);
        result.Lines.ShouldAllBe(l => l.NetFen >= 0 && l.NetFen <= l.GrossFen);
        result.Lines.ShouldAllBe(l => l.GrossFen - l.DiscountFen == l.NetFen);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AZeroPercentPromotionChangesNothing(int seed)
    {
        var (context, lines) = RandomTicket(seed);
        var book = GoldenBook.Build();
        var zero = Items.Select(i => i.Category).Distinct()
            .Select(category => new Promotion("ZERO-" + category, "0 折扣", category, 0m, ValidityWindow.Always));

        var before = PriceEngine.Quote(book, context, lines);
        var after = PriceEngine.Quote(book.With(promotions: [.. book.Promotions, .. zero]), context, lines);

        after.TotalFen.ShouldBe(before.TotalFen);
        after.Lines.Select(l => (l.NetFen, l.DiscountFen)).ShouldBe(before.Lines.Select(l => (l.NetFen, l.DiscountFen)));
        after.Lines.SelectMany(l => l.Rules).ShouldNotContain(r => r.Code.StartsWith("ZERO-", StringComparison.Ordinal));
    }
}
