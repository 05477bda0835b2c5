using System.Globalization;

namespace Scrm.Domain.Pricing;

/// <summary>
/// Prices a ticket's lines from a <see cref="PriceBook"/>. Pure and total: odd input never throws, it comes back as
/// <see cref="QuoteResult.Problems"/> with the line priced as well as it can be.
/// <para>Precedence, per line, each step working on what the one before left (docs/decisions/0017-pricing-engine.md):</para>
/// <list type="number">
/// <item>Unit price: a labour line takes the urgency's hourly rate (region's own before nationwide); any other line
/// the most specific price list entry valid at the quote's time — city before region before nationwide, a customer
/// type's own before "all types", then the latest start — else the catalogue's list price.</item>
/// <item>Regional coefficient on the unit price (the city's own before the region's).</item>
/// <item>Tier (阶梯) on the line's gross, by quantity or amount: the item's own tier before its category's.</item>
/// <item>Promotion on what is left: the best single one valid for the category, region and time (never stacked).</item>
/// <item>Member discount on what is left.</item>
/// <item>Warranty: a part under warranty (parts free) or labour or service item under warranty (labour free) costs nothing.</item>
/// </list>
/// Then totals are summed from the lines and thresholds raise their flags. Every step that changed a line is listed
/// on it with its code. Amounts are fen, each step rounded half away from zero.
/// </summary>
public static class PriceEngine
{
    /// <summary>Quantities beyond this are refused as input errors rather than overflowing the fen.</summary>
    public const decimal MaxQuantity = 100_000m;

    public static QuoteResult Quote(PriceBook? book, QuoteContext? context, IReadOnlyList<QuoteLineInput?>? lines)
    {
        book ??= PriceBook.Empty;
        var problems = new List<QuoteProblem>();
        if (context is null)
        {
            problems.Add(new QuoteProblem("Quote.NoContext", null, "No customer, site or time was given."));
            return Totals(book, [], problems);
        }
        var priced = new List<PricedLine>(lines?.Count ?? 0);
        for (var i = 0; i < (lines?.Count ?? 0); i++)
        {
            var line = lines![i];
            if (line is null)
            {
                problems.Add(new QuoteProblem("Quote.EmptyLine", i, "The line is empty."));
                continue;
            }
            priced.Add(PriceLine(book, context, line, i, problems));
        }
        return Totals(book, priced, problems);
    }

    private static PricedLine PriceLine(PriceBook book, QuoteContext context, QuoteLineInput line, int index, List<QuoteProblem> problems)
    {
        var rules = new List<AppliedRule>(4);
        var code = line.Code?.Trim() ?? "";
        var category = line.Category?.Trim() ?? "";
        var quantity = line.Quantity;
        if (code.Length == 0) problems.Add(new QuoteProblem("Quote.NoCode", index, "The line names no item."));
        if (quantity <= 0 || quantity > MaxQuantity)
        {
            problems.Add(new QuoteProblem("Quote.BadQuantity", index,
                string.Create(CultureInfo.InvariantCulture, $"Quantity {quantity} is outside 0 < q ≤ {MaxQuantity}.")));
            quantity = 0;
        }

        var unit = UnitPrice(book, context, line, code, index, rules, problems);
        unit = ApplyCoefficient(book, context, unit, rules);
        var gross = Round(unit * quantity);
        var amount = gross;

        if (book.TierFor(code, category) is { } tier && TierBandFor(tier, tier.Basis == TierBasis.Quantity ? quantity : gross / 100m) is { } band
            && band.PercentOff != 0)
        {
            var off = Round(amount * band.PercentOff / 100m);
            amount -= off;
            rules.Add(new AppliedRule(tier.Code, $"{tier.Name} −{band.PercentOff.ToString("0.##", CultureInfo.InvariantCulture)}%", -off));
        }

        var promotion = BestPromotion(book, context, category);
        if (promotion is not null && promotion.PercentOff != 0)
        {
            var off = Round(amount * promotion.PercentOff / 100m);
            amount -= off;
            rules.Add(new AppliedRule(promotion.Code, promotion.Name, -off));
        }

        if (book.MemberDiscountFor(context.MemberLevel) is { PercentOff: not 0 } member)
        {
            var off = Round(amount * member.PercentOff / 100m);
            amount -= off;
            rules.Add(new AppliedRule(member.Code, $"会员 {context.MemberLevel} −{member.PercentOff.ToString("0.##", CultureInfo.InvariantCulture)}%", -off));
        }

        if (line.UnderWarranty && amount != 0 && CoveredByWarranty(book.Warranty, line.Kind))
        {
            rules.Add(new AppliedRule(book.Warranty.Code, "保修期内免费", -amount));
            amount = 0;
        }

        return new PricedLine(index, code, line.Kind, category, quantity, unit, gross, gross - amount, amount, rules, line.Description ?? "");
    }

    private static long UnitPrice(PriceBook book, QuoteContext context, QuoteLineInput line, string code, int index,
        List<AppliedRule> rules, List<QuoteProblem> problems)
    {
        if (line.Kind == LineKind.Labour)
        {
            UrgencyRate? rate = null;
            foreach (var candidate in book.UrgencyRatesFor(context.Urgency))
            {
                if (candidate.Region is not null && candidate.Region != context.Region) continue;
                if (rate is null || (rate.Region is null && candidate.Region is not null)) rate = candidate;
            }
            if (rate is not null)
            {
                rules.Add(new AppliedRule(rate.Code, $"{UrgencyName(context.Urgency)}工时费 {Yuan(rate.HourlyFen)}/小时", 0));
                return rate.HourlyFen;
            }
        }

        PriceListEntry? best = null;
        var bestScore = -1;
        foreach (var entry in book.PricesFor(code))
        {
            if (!entry.Validity.Contains(context.At)) continue;
            if (entry.Region is not null && entry.Region != context.Region) continue;
            if (entry.City is not null && entry.City != context.City) continue;
            if (entry.CustomerType is not null && entry.CustomerType != context.CustomerType) continue;
            var score = (entry.City is not null ? 4 : 0) + (entry.Region is not null ? 2 : 0) + (entry.CustomerType is not null ? 1 : 0);
            if (score > bestScore || (score == bestScore && Later(entry, best!)))
            {
                best = entry;
                bestScore = score;
            }
        }
        if (best is not null)
        {
            rules.Add(new AppliedRule(best.Code, $"价目表 {best.City ?? best.Region ?? "全国"} {Yuan(best.UnitPriceFen)}", 0));
            return best.UnitPriceFen;
        }
        if (line.ListPriceFen is { } list)
        {
            if (list >= 0) return list;
            problems.Add(new QuoteProblem("Quote.NegativeListPrice", index, "The catalogue price is negative; priced at 0."));
            return 0;
        }
        problems.Add(new QuoteProblem("Quote.NoPrice", index, $"No price list or catalogue price for '{code}'; priced at 0."));
        return 0;
    }

    private static bool Later(PriceListEntry candidate, PriceListEntry best)
    {
        var a = candidate.Validity.From ?? DateTimeOffset.MinValue;
        var b = best.Validity.From ?? DateTimeOffset.MinValue;
        return a > b || (a == b && string.CompareOrdinal(candidate.Code, best.Code) < 0);
    }

    private static long ApplyCoefficient(PriceBook book, QuoteContext context, long unit, List<AppliedRule> rules)
    {
        RegionalCoefficient? chosen = null;
        foreach (var c in book.CoefficientsFor(context.Region))
        {
            if (c.City is not null && c.City != context.City) continue;
            if (chosen is null || (chosen.City is null && c.City is not null)) chosen = c;
        }
        if (chosen is null || chosen.Factor == 1m || chosen.Factor <= 0) return unit;
        var adjusted = Round(unit * chosen.Factor);
        rules.Add(new AppliedRule(chosen.Code,
            $"区域系数 {chosen.City ?? chosen.Region} ×{chosen.Factor.ToString("0.###", CultureInfo.InvariantCulture)}", adjusted - unit));
        return adjusted;
    }

    /// <summary>The band holding <paramref name="value"/>; amounts are compared in yuan, as tiers are written.</summary>
    public static TierBand? TierBandFor(TierRule tier, decimal value)
    {
        foreach (var band in tier.Bands)
            if (value >= band.From && (band.To is null || value < band.To)) return band;
        return null;
    }

    private static Promotion? BestPromotion(PriceBook book, QuoteContext context, string category)
    {
        Promotion? best = null;
        foreach (var p in book.PromotionsFor(category))
        {
            if (!p.Window.Contains(context.At)) continue;
            if (p.Region is not null && p.Region != context.Region) continue;
            if (best is null || p.PercentOff > best.PercentOff) best = p;
        }
        return best;
    }

    private static bool CoveredByWarranty(WarrantyPolicy policy, LineKind kind) => kind switch
    {
        LineKind.Part => policy.PartsFree,
        LineKind.Labour or LineKind.ServiceItem => policy.LabourFree,
        _ => false,
    };

    private static QuoteResult Totals(PriceBook book, List<PricedLine> lines, List<QuoteProblem> problems)
    {
        long labour = 0, parts = 0, other = 0, discount = 0, total = 0;
        foreach (var line in lines)
        {
            switch (line.Kind)
            {
                case LineKind.Part: parts += line.GrossFen; break;
                case LineKind.Labour or LineKind.ServiceItem: labour += line.GrossFen; break;
                default: other += line.GrossFen; break;
            }
            discount += line.DiscountFen;
            total += line.NetFen;
        }
        var flags = new List<string>();
        var totalRules = new List<AppliedRule>();
        foreach (var threshold in book.Thresholds)
        {
            if (total <= threshold.MinTotalFen || flags.Contains(threshold.Flag)) continue;
            flags.Add(threshold.Flag);
            totalRules.Add(new AppliedRule(threshold.Code, threshold.Description, 0));
        }
        return new QuoteResult(lines, labour, parts, other, discount, total, flags, totalRules, problems);
    }

    /// <summary>Half away from zero, as the finance team rounds.</summary>
    public static long Round(decimal fen) => (long)Math.Round(fen, 0, MidpointRounding.AwayFromZero);

    public static string Yuan(long fen) => (fen / 100m).ToString("¥#,0.00", CultureInfo.InvariantCulture);

    private static string UrgencyName(Urgency urgency) => urgency switch
    {
        Urgency.Express => "加急",
        Urgency.Emergency => "特急",
        _ => "普通",
    };
}
