using Scrm.Domain.Customers;

namespace Scrm.Domain.Pricing;

/// <summary>Rules are valid from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive); null: open.</summary>
public sealed record ValidityWindow(DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    public static readonly ValidityWindow Always = new();

    public bool Contains(DateTimeOffset at) => (From is null || at >= From) && (To is null || at < To);

    public bool IsEmpty => From is not null && To is not null && To <= From;

    public bool Overlaps(ValidityWindow other) =>
        (From is null || other.To is null || From < other.To) && (other.From is null || To is null || other.From < To);
}

/// <summary>
/// A price for one item (service item code, part SKU or "LABOUR") in a region or a city, for a customer type or
/// all of them (null). Region and city null: nationwide.
/// </summary>
public sealed record PriceListEntry(
    string Code,
    string ItemCode,
    long UnitPriceFen,
    string? Region = null,
    string? City = null,
    CustomerType? CustomerType = null,
    ValidityWindow? Window = null,
    string Currency = PriceBook.Currency)
{
    public ValidityWindow Validity => Window ?? ValidityWindow.Always;
}

/// <summary>One step of a tier: from <see cref="From"/> (inclusive) up to <see cref="To"/> (exclusive; null: no limit).</summary>
public sealed record TierBand(decimal From, decimal? To, decimal PercentOff);

/// <summary>阶梯: the discount steps up with the line's quantity or amount. Applies to an item code or a whole category.</summary>
public sealed record TierRule(
    string Code,
    string Name,
    TierBasis Basis,
    IReadOnlyList<TierBand> Bands,
    string? ItemCode = null,
    string? Category = null);

/// <summary>The hourly labour rate for an urgency, in a region (null: everywhere).</summary>
public sealed record UrgencyRate(string Code, Urgency Urgency, long HourlyFen, string? Region = null, string Currency = PriceBook.Currency);

/// <summary>"3 月空调清洗 7 折": <see cref="PercentOff"/> 30 on a category in a window, in a region or everywhere.</summary>
public sealed record Promotion(
    string Code,
    string Name,
    string Category,
    decimal PercentOff,
    ValidityWindow Window,
    string? Region = null);

/// <summary>A member level's discount on everything but parts under warranty.</summary>
public sealed record MemberDiscount(string Code, CustomerTier Level, decimal PercentOff);

/// <summary>
/// Regional depreciation coefficient (区域折算系数): multiplies the listed unit price in a region or city, e.g. 0.95
/// where labour is cheaper.
/// </summary>
public sealed record RegionalCoefficient(string Code, string Region, decimal Factor, string? City = null);

/// <summary>Which parts of a line the warranty makes free.</summary>
public sealed record WarrantyPolicy(string Code, bool PartsFree, bool LabourFree);

/// <summary>A total above <see cref="MinTotalFen"/> raises <see cref="Flag"/> (e.g. ¥3,000 → "GoldServiceChannel").</summary>
public sealed record Threshold(string Code, long MinTotalFen, string Flag, string Description);

/// <summary>A rule the rule set refuses, with a stable code the UI localises.</summary>
public sealed record RuleProblem(string Code, string RuleCode, string Message);
