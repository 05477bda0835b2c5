using Scrm.Domain.Customers;
using Scrm.Domain.Pricing;

namespace Scrm.Tests.Pricing;

/// <summary>
/// One row per rule kind and per precedence case, priced against <see cref="GoldenBook"/>. Read a row as: in this
/// place and time, this line costs <c>Unit</c> per unit and <c>Net</c> in all, because of these rules (in order).
/// </summary>
public sealed class PriceEngineGoldenTests
{
    public sealed record Case(string Name, QuoteContext Context, QuoteLineInput Line, long Unit, long Net, string Rules)
    {
        public override string ToString() => Name;
    }

    private static QuoteLineInput Clean(decimal qty = 1) => new("SVC-AC-CLEAN", LineKind.ServiceItem, "空调清洗", qty);
    private static QuoteLineInput Ro(decimal qty = 1, bool warranty = false) => new("PART-RO", LineKind.Part, "净水", qty, UnderWarranty: warranty);

    public static TheoryData<Case> Cases => new()
    {
        //   name                                         context                                                       line                                                     unit    net      rules applied
        new("nationwide price list",                      GoldenBook.Context(),                                         Clean(),                                                 20000,  20000,  "P-NAT-CLEAN"),
        new("region beats nationwide",                    GoldenBook.Context("华东", "杭州"),                           Clean(),                                                 22000,  22000,  "P-EAST-CLEAN"),
        new("city beats region",                          GoldenBook.Context("华东", "上海"),                           Clean(),                                                 25000,  25000,  "P-SH-CLEAN"),
        new("customer type's own beats all types",        GoldenBook.Context("华东", "上海", CustomerType.Chain),       Clean(),                                                 23000,  23000,  "P-SH-CLEAN-CHAIN"),
        new("validity window picks next year's list",     GoldenBook.Context("华东", "杭州", at: GoldenBook.Feb2027),   Clean(),                                                 24000,  24000,  "P-EAST-CLEAN-2027"),
        new("catalogue price when no list names it",      GoldenBook.Context(),                                         new("SVC-ICE", LineKind.ServiceItem, "制冰机", 1, 15000), 15000,  15000,  ""),
        new("urgency rate prices labour hours",           GoldenBook.Context(urgency: Urgency.Express),                 new("LABOUR", LineKind.Labour, "工时", 2),               12000,  24000,  "U-EXPRESS"),
        new("region's own urgency rate",                  GoldenBook.Context("华南", "广州", urgency: Urgency.Emergency), new("LABOUR", LineKind.Labour, "工时", 1),             20000,  20000,  "U-EMERG-SOUTH"),
        new("regional coefficient",                       GoldenBook.Context("西南", "重庆"),                           Clean(),                                                 18000,  18000,  "P-NAT-CLEAN,C-SW"),
        new("city coefficient beats region's",            GoldenBook.Context("西南", "成都"),                           Clean(),                                                 19000,  19000,  "P-NAT-CLEAN,C-CD"),
        new("quantity tier",                              GoldenBook.Context(),                                         Ro(10),                                                  30000,  285000, "P-RO,T-RO"),
        new("quantity tier top band",                     GoldenBook.Context(),                                         Ro(50),                                                  30000,  1350000, "P-RO,T-RO"),
        new("item tier beats category tier",              GoldenBook.Context(),                                         Ro(1),                                                   30000,  30000,  "P-RO"),
        new("category tier",                              GoldenBook.Context(),                                         new("PART-PP", LineKind.Part, "净水", 1, 5000),          5000,   4850,   "T-WATER"),
        new("amount tier",                                GoldenBook.Context(),                                         new("PKG-YEAR", LineKind.ServiceItem, "维保套餐", 1, 600000), 600000, 552000, "T-PKG"),
        new("promotion in its window",                    GoldenBook.Context(at: GoldenBook.March2026),                 Clean(),                                                 20000,  14000,  "P-NAT-CLEAN,PROMO-MAR"),
        new("promotion outside its window",               GoldenBook.Context(),                                         Clean(),                                                 20000,  20000,  "P-NAT-CLEAN"),
        new("member discount",                            GoldenBook.Context(level: CustomerTier.Gold),                  Clean(),                                                 20000,  19000,  "P-NAT-CLEAN,M-GOLD"),
        new("promotion before member discount",           GoldenBook.Context(level: CustomerTier.Gold, at: GoldenBook.March2026), Clean(),                                       20000,  13300,  "P-NAT-CLEAN,PROMO-MAR,M-GOLD"),
        new("tier before promotion",                      GoldenBook.Context(at: GoldenBook.March2026),                 Clean(5),                                                20000,  63000,  "P-NAT-CLEAN,T-CLEAN,PROMO-MAR"),
        new("coefficient before tier",                    GoldenBook.Context("西南", "重庆"),                           Clean(5),                                                18000,  81000,  "P-NAT-CLEAN,C-SW,T-CLEAN"),
        new("warranty makes a part free, last",           GoldenBook.Context(level: CustomerTier.Gold),                  Ro(1, warranty: true),                                   30000,  0,      "P-RO,M-GOLD,WARRANTY"),
        new("warranty without labour cover",              GoldenBook.Context(),                                         new("LABOUR", LineKind.Labour, "工时", 1, UnderWarranty: true), 8000, 8000, "U-NORMAL"),
        new("rounding half away from zero (coefficient)", GoldenBook.Context("西南", "重庆"),                           new("SVC-TINY", LineKind.ServiceItem, "小件", 1, 15),    14,     14,     "C-SW"),
        new("rounding half away from zero (discount)",    GoldenBook.Context(level: CustomerTier.Gold),                  new("SVC-TINY", LineKind.ServiceItem, "小件", 1, 10),    10,     9,      "M-GOLD"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void PricesTheLineAsTheTableSays(Case c)
    {
        var result = PriceEngine.Quote(GoldenBook.Build(), c.Context, [c.Line]);

        result.Problems.ShouldBeEmpty();
        var line = result.Lines.ShouldHaveSingleItem();
        line.UnitPriceFen.ShouldBe(c.Unit);
        line.NetFen.ShouldBe(c.Net);
        string.Join(",", line.Rules.Select(r => r.Code)).ShouldBe(c.Rules);
    }

    [Fact]
    public void TotalAboveThresholdRaisesTheGoldServiceChannelFlag()
    {
        var book = GoldenBook.Build();

        var small = PriceEngine.Quote(book, GoldenBook.Context(), [new QuoteLineInput("PART-RO", LineKind.Part, "净水", 10)]);
        var large = PriceEngine.Quote(book, GoldenBook.Context(), [new QuoteLineInput("PART-RO", LineKind.Part, "净水", 11)]);

        small.TotalFen.ShouldBe(285000);
        small.Flags.ShouldBeEmpty();
        large.TotalFen.ShouldBe(313500);
        large.Flags.ShouldBe(["GoldServiceChannel"]);
        large.TotalRules.Single().Code.ShouldBe("GOLD-CHANNEL");
    }

    [Fact]
    public void TotalsSplitLabourPartsAndOther()
    {
        var result = PriceEngine.Quote(GoldenBook.Build(), GoldenBook.Context(level: CustomerTier.Gold),
        [
            new QuoteLineInput("SVC-AC-CLEAN", LineKind.ServiceItem, "空调清洗", 1),
            new QuoteLineInput("LABOUR", LineKind.Labour, "工时", 1.5m),
            new QuoteLineInput("PART-RO", LineKind.Part, "净水", 1),
            new QuoteLineInput("TRAVEL", LineKind.Other, "差旅", 1, 5000),
        ]);

        result.LabourFen.ShouldBe(20000 + 12000);
        result.PartsFen.ShouldBe(30000);
        result.OtherFen.ShouldBe(5000);
        result.DiscountFen.ShouldBe(1000 + 600 + 1500 + 250);
        result.TotalFen.ShouldBe(67000 - 3350);
    }

    [Theory]
    [InlineData(0, "Quote.BadQuantity")]
    [InlineData(-3, "Quote.BadQuantity")]
    [InlineData(1_000_000, "Quote.BadQuantity")]
    public void OddQuantityIsAProblemNotAnException(decimal quantity, string code)
    {
        var result = PriceEngine.Quote(GoldenBook.Build(), GoldenBook.Context(), [new QuoteLineInput("PART-RO", LineKind.Part, "净水", quantity)]);

        result.Problems.Single().Code.ShouldBe(code);
        result.TotalFen.ShouldBe(0);
    }

    [Fact]
    public void UnknownItemWithoutCataloguePriceIsPricedAtZeroWithAProblem()
    {
        var result = PriceEngine.Quote(GoldenBook.Build(), GoldenBook.Context(), [new QuoteLineInput("NOPE", LineKind.Part, "", 1), null]);

        result.Problems.Select(p => p.Code).ShouldBe(["Quote.NoPrice", "Quote.EmptyLine"]);
        result.Lines.Single().NetFen.ShouldBe(0);
    }

    [Fact]
    public void MissingContextOrBookIsAProblemNotAnException()
    {
        PriceEngine.Quote(null, null, null).Problems.Single().Code.ShouldBe("Quote.NoContext");
        PriceEngine.Quote(null, GoldenBook.Context(), [new QuoteLineInput("X", LineKind.Other, "", 2, 100)]).TotalFen.ShouldBe(200);
    }
}
