using Scrm.Domain.Customers;
using Scrm.Domain.Pricing;

namespace Scrm.Tests.Pricing;

public sealed class RuleSetValidationTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void TheGoldenBookIsValid() => GoldenBook.Build().Validate().ShouldBeEmpty();

    [Fact]
    public void RejectsOverlappingPromotionsOnOneCategory()
    {
        var book = GoldenBook.Build();
        var clash = new Promotion("PROMO-SPRING", "春季清洗 8 折", "空调清洗", 20m, new ValidityWindow(Start.AddDays(20), Start.AddDays(60)));

        Codes(book.With(promotions: [.. book.Promotions, clash])).ShouldBe(["Pricing.PromotionOverlap"]);
        Codes(book.With(promotions: [.. book.Promotions, clash with { Window = new ValidityWindow(Start.AddMonths(1), Start.AddMonths(2)) }])).ShouldBeEmpty();
        Codes(book.With(promotions: [.. book.Promotions, clash with { Category = "净水" }])).ShouldBeEmpty();
    }

    [Fact]
    public void RejectsTierGapsAndOverlaps()
    {
        Codes(new PriceBook(tiers: [new TierRule("T", "t", TierBasis.Quantity, [new(0, 10, 0), new(20, null, 5)], ItemCode: "A")]))
            .ShouldBe(["Pricing.TierGap"]);
        Codes(new PriceBook(tiers: [new TierRule("T", "t", TierBasis.Quantity, [new(0, 10, 0), new(5, null, 5)], ItemCode: "A")]))
            .ShouldBe(["Pricing.TierOverlap"]);
        Codes(new PriceBook(tiers: [new TierRule("T", "t", TierBasis.Quantity, [new(1, null, 5)], ItemCode: "A")]))
            .ShouldBe(["Pricing.TierGap"]);
        Codes(new PriceBook(tiers: [new TierRule("T", "t", TierBasis.Quantity, [new(0, null, 0), new(10, null, 5)], ItemCode: "A")]))
            .ShouldBe(["Pricing.TierOverlap"]);
    }

    [Fact]
    public void RejectsNegativePricesAndCurrencyMismatch()
    {
        Codes(new PriceBook(prices: [new PriceListEntry("P", "A", -1)])).ShouldBe(["Pricing.NegativePrice"]);
        Codes(new PriceBook(urgencyRates: [new UrgencyRate("U", Urgency.Normal, -5)])).ShouldBe(["Pricing.NegativePrice"]);
        Codes(new PriceBook(prices: [new PriceListEntry("P", "A", 100, Currency: "USD")])).ShouldBe(["Pricing.CurrencyMismatch"]);
    }

    [Fact]
    public void RejectsRulesThatCanNeverApply()
    {
        Codes(new PriceBook(prices: [new PriceListEntry("P", "A", 100, Window: new ValidityWindow(Start, Start.AddDays(-1)))])).ShouldBe(["Pricing.NeverApplies"]);
        Codes(new PriceBook(prices: [new PriceListEntry("P", "A", 100, City: "上海")])).ShouldBe(["Pricing.NeverApplies"]);
        Codes(new PriceBook(coefficients: [new RegionalCoefficient("C", "华东", 0m)])).ShouldBe(["Pricing.NeverApplies"]);
        Codes(new PriceBook(tiers: [new TierRule("T", "t", TierBasis.Amount, [new(0, null, 5)])])).ShouldBe(["Pricing.NeverApplies"]);
        Codes(new PriceBook(promotions: [new Promotion("X", "x", "A", 10, new ValidityWindow(Start, Start))])).ShouldBe(["Pricing.NeverApplies"]);
    }

    [Fact]
    public void RejectsAmbiguousPricesDuplicateCodesAndBadPercentages()
    {
        Codes(new PriceBook(prices: [new PriceListEntry("P1", "A", 100, Region: "华东"), new PriceListEntry("P2", "A", 120, Region: "华东")]))
            .ShouldBe(["Pricing.PriceOverlap"]);
        Codes(new PriceBook(prices: [new PriceListEntry("P", "A", 100), new PriceListEntry("P", "B", 120)])).ShouldBe(["Pricing.DuplicateCode"]);
        Codes(new PriceBook(memberDiscounts: [new MemberDiscount("M", CustomerTier.Gold, 120)])).ShouldBe(["Pricing.BadPercent"]);
    }

    private static List<string> Codes(PriceBook book) => [.. book.Validate().Select(p => p.Code).Distinct()];
}
