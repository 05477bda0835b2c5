using Scrm.Domain.Customers;
using Scrm.Domain.Pricing;

namespace Scrm.Tests.Pricing;

/// <summary>The rule set every golden case is priced against; one or two rules of each kind.</summary>
internal static class GoldenBook
{
    public static readonly DateTimeOffset May2026 = new(2026, 5, 10, 10, 0, 0, TimeSpan.FromHours(8));
    public static readonly DateTimeOffset March2026 = new(2026, 3, 15, 10, 0, 0, TimeSpan.FromHours(8));
    public static readonly DateTimeOffset Feb2027 = new(2027, 2, 1, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Jan2027 = new(2027, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));

    public static readonly Promotion MarchCleaning = new("PROMO-MAR", "3 月空调清洗 7 折", "空调清洗", 30m,
        new ValidityWindow(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.FromHours(8))));

    public static PriceBook Build() => new(
        prices:
        [
            new("P-NAT-CLEAN", "SVC-AC-CLEAN", 20000),
            new("P-EAST-CLEAN", "SVC-AC-CLEAN", 22000, Region: "华东", Window: new ValidityWindow(To: Jan2027)),
            new("P-EAST-CLEAN-2027", "SVC-AC-CLEAN", 24000, Region: "华东", Window: new ValidityWindow(From: Jan2027)),
            new("P-SH-CLEAN", "SVC-AC-CLEAN", 25000, Region: "华东", City: "上海"),
            new("P-SH-CLEAN-CHAIN", "SVC-AC-CLEAN", 23000, Region: "华东", City: "上海", CustomerType: CustomerType.Chain),
            new("P-RO", "PART-RO", 30000),
        ],
        tiers:
        [
            new("T-RO", "RO 膜批量", TierBasis.Quantity, [new(0, 10, 0), new(10, 50, 5), new(50, null, 10)], ItemCode: "PART-RO"),
            new("T-WATER", "净水配件", TierBasis.Quantity, [new(0, null, 3)], Category: "净水"),
            new("T-CLEAN", "多台清洗", TierBasis.Quantity, [new(0, 5, 0), new(5, null, 10)], ItemCode: "SVC-AC-CLEAN"),
            new("T-PKG", "年度维保满额", TierBasis.Amount, [new(0, 5000, 0), new(5000, null, 8)], Category: "维保套餐"),
        ],
        urgencyRates:
        [
            new("U-NORMAL", Urgency.Normal, 8000),
            new("U-EXPRESS", Urgency.Express, 12000),
            new("U-EMERG", Urgency.Emergency, 18000),
            new("U-EMERG-SOUTH", Urgency.Emergency, 20000, Region: "华南"),
        ],
        promotions: [MarchCleaning],
        memberDiscounts: [new("M-GOLD", CustomerTier.Gold, 5m), new("M-PLAT", CustomerTier.Platinum, 10m)],
        coefficients: [new("C-SW", "西南", 0.9m), new("C-CD", "西南", 0.95m, City: "成都")],
        warranty: new WarrantyPolicy("WARRANTY", PartsFree: true, LabourFree: false),
        thresholds: [new("GOLD-CHANNEL", 300000, "GoldServiceChannel", "总额超过 ¥3,000：金牌服务通道")]);

    public static QuoteContext Context(string region = "华北", string city = "北京", CustomerType type = CustomerType.Individual,
        CustomerTier level = CustomerTier.Standard, DateTimeOffset? at = null, Urgency urgency = Urgency.Normal) =>
        new(region, city, type, level, at ?? May2026, urgency);
}
