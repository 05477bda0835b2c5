using Scrm.Domain.Customers;

namespace Scrm.Domain.Pricing;

/// <summary>What a quote line sells.</summary>
public enum LineKind
{
    ServiceItem,
    Part,
    Labour,
    Other,
}

/// <summary>Price lists can differ for chains and franchises (连锁/加盟) and for individual customers.</summary>
public enum CustomerType
{
    Individual,
    Chain,
}

/// <summary>普通 / 加急 / 特急: decides the hourly labour rate.</summary>
public enum Urgency
{
    Normal,
    Express,
    Emergency,
}

/// <summary>Tiers step on the line's quantity (course packs, 50 lessons −5 %) or its amount (rebate above a sum).</summary>
public enum TierBasis
{
    Quantity,
    Amount,
}

/// <summary>One line of a ticket to be priced. <see cref="ListPriceFen"/> is the catalogue price, used when no price list names the item.</summary>
public sealed record QuoteLineInput(
    string Code,
    LineKind Kind,
    string Category,
    decimal Quantity,
    long? ListPriceFen = null,
    bool UnderWarranty = false,
    string Description = "");

/// <summary>Who, where, when and how urgently: everything besides the lines that a rule may look at.</summary>
public sealed record QuoteContext(
    string Region,
    string City,
    CustomerType CustomerType,
    CustomerTier MemberLevel,
    DateTimeOffset At,
    Urgency Urgency);

/// <summary>A rule that changed a line's price, as shown on the quote.</summary>
public sealed record AppliedRule(string Code, string Description, long EffectFen);

/// <summary>Something odd about the input; the quote is still made, the line priced as well as it can be.</summary>
public sealed record QuoteProblem(string Code, int? LineIndex, string Message);

public sealed record PricedLine(
    int Index,
    string Code,
    LineKind Kind,
    string Category,
    decimal Quantity,
    long UnitPriceFen,
    long GrossFen,
    long DiscountFen,
    long NetFen,
    IReadOnlyList<AppliedRule> Rules,
    string Description = "");

/// <summary>A quote's lines and totals; <see cref="Flags"/> are consequences of thresholds (e.g. "GoldServiceChannel").</summary>
public sealed record QuoteResult(
    IReadOnlyList<PricedLine> Lines,
    long LabourFen,
    long PartsFen,
    long OtherFen,
    long DiscountFen,
    long TotalFen,
    IReadOnlyList<string> Flags,
    IReadOnlyList<AppliedRule> TotalRules,
    IReadOnlyList<QuoteProblem> Problems)
{
    public long GrossFen => LabourFen + PartsFen + OtherFen;
}
