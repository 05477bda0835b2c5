namespace Scrm.Domain.Pricing;

/// <summary>Why a rule set must not be saved. Codes are stable (the UI shows Error.&lt;code&gt;).</summary>
internal static class RuleSetValidator
{
    public static IReadOnlyList<RuleProblem> Validate(PriceBook book)
    {
        var problems = new List<RuleProblem>();
        void Add(string code, string rule, string message) => problems.Add(new RuleProblem(code, rule, message));

        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        IEnumerable<string> allCodes = [.. book.Prices.Select(p => p.Code), .. book.Tiers.Select(t => t.Code),
            .. book.UrgencyRates.Select(r => r.Code), .. book.Promotions.Select(p => p.Code), .. book.MemberDiscounts.Select(m => m.Code),
            .. book.Coefficients.Select(c => c.Code), .. book.Thresholds.Select(t => t.Code)];
        foreach (var code in allCodes)
        {
            if (string.IsNullOrWhiteSpace(code)) Add("Pricing.NoCode", "", "A rule has no code.");
            else if (!codes.Add(code)) Add("Pricing.DuplicateCode", code, $"The code {code} is used twice.");
        }

        foreach (var p in book.Prices)
        {
            if (p.UnitPriceFen < 0) Add("Pricing.NegativePrice", p.Code, "A price cannot be negative.");
            if (!string.Equals(p.Currency, PriceBook.Currency, StringComparison.Ordinal))
                Add("Pricing.CurrencyMismatch", p.Code, $"The price is in {p.Currency}; the price book is in {PriceBook.Currency}.");
            if (p.Validity.IsEmpty) Add("Pricing.NeverApplies", p.Code, "The validity window ends before it starts.");
            if (string.IsNullOrWhiteSpace(p.ItemCode)) Add("Pricing.NeverApplies", p.Code, "The price names no item.");
            if (p.City is not null && p.Region is null) Add("Pricing.NeverApplies", p.Code, "A city price must name its region.");
        }
        // Two entries that could both be the most specific at the same moment make the price ambiguous.
        foreach (var group in book.Prices.GroupBy(p => (Item: p.ItemCode.ToUpperInvariant(), p.Region, p.City, p.CustomerType)))
        {
            var list = group.ToList();
            for (var i = 0; i < list.Count; i++)
                for (var j = i + 1; j < list.Count; j++)
                    if (list[i].Validity.Overlaps(list[j].Validity))
                        Add("Pricing.PriceOverlap", list[j].Code, $"{list[j].Code} and {list[i].Code} price {group.Key.Item} for the same place and time.");
        }

        foreach (var r in book.UrgencyRates)
        {
            if (r.HourlyFen < 0) Add("Pricing.NegativePrice", r.Code, "An hourly rate cannot be negative.");
            if (!string.Equals(r.Currency, PriceBook.Currency, StringComparison.Ordinal))
                Add("Pricing.CurrencyMismatch", r.Code, $"The rate is in {r.Currency}; the price book is in {PriceBook.Currency}.");
        }
        foreach (var group in book.UrgencyRates.GroupBy(r => (r.Urgency, r.Region)).Where(g => g.Count() > 1))
            Add("Pricing.RateOverlap", group.Last().Code, $"Two rates for {group.Key.Urgency} in {group.Key.Region ?? "全国"}.");

        foreach (var t in book.Tiers) ValidateTier(t, Add);
        foreach (var group in book.Tiers.Where(t => t.ItemCode is not null).GroupBy(t => t.ItemCode!.ToUpperInvariant()).Where(g => g.Count() > 1))
            Add("Pricing.TierOverlap", group.Last().Code, $"Two tiers for item {group.Key}.");
        foreach (var group in book.Tiers.Where(t => t.ItemCode is null && t.Category is not null).GroupBy(t => t.Category!.ToUpperInvariant()).Where(g => g.Count() > 1))
            Add("Pricing.TierOverlap", group.Last().Code, $"Two tiers for category {group.Key}.");

        foreach (var p in book.Promotions)
        {
            if (p.PercentOff is < 0 or > 100) Add("Pricing.BadPercent", p.Code, "A discount must be between 0 and 100 %.");
            if (p.Window.IsEmpty) Add("Pricing.NeverApplies", p.Code, "The promotion ends before it starts.");
            if (string.IsNullOrWhiteSpace(p.Category)) Add("Pricing.NeverApplies", p.Code, "The promotion names no category.");
        }
        var promotions = book.Promotions.ToList();
        for (var i = 0; i < promotions.Count; i++)
            for (var j = i + 1; j < promotions.Count; j++)
            {
                var (a, b) = (promotions[i], promotions[j]);
                if (string.Equals(a.Category, b.Category, StringComparison.OrdinalIgnoreCase)
                    && (a.Region is null || b.Region is null || a.Region == b.Region) && a.Window.Overlaps(b.Window))
                    Add("Pricing.PromotionOverlap", b.Code, $"{b.Code} overlaps {a.Code} on {a.Category}.");
            }

        foreach (var m in book.MemberDiscounts)
            if (m.PercentOff is < 0 or > 100) Add("Pricing.BadPercent", m.Code, "A discount must be between 0 and 100 %.");
        foreach (var group in book.MemberDiscounts.GroupBy(m => m.Level).Where(g => g.Count() > 1))
            Add("Pricing.DuplicateLevel", group.Last().Code, $"Two discounts for member level {group.Key}.");

        foreach (var c in book.Coefficients)
        {
            if (c.Factor <= 0) Add("Pricing.NeverApplies", c.Code, "A coefficient must be above zero.");
            if (string.IsNullOrWhiteSpace(c.Region)) Add("Pricing.NeverApplies", c.Code, "A coefficient must name its region.");
        }
        foreach (var group in book.Coefficients.GroupBy(c => (c.Region, c.City)).Where(g => g.Count() > 1))
            Add("Pricing.CoefficientOverlap", group.Last().Code, $"Two coefficients for {group.Key.Region} {group.Key.City}.");

        foreach (var t in book.Thresholds)
        {
            if (t.MinTotalFen < 0) Add("Pricing.NegativePrice", t.Code, "A threshold cannot be negative.");
            if (string.IsNullOrWhiteSpace(t.Flag)) Add("Pricing.NeverApplies", t.Code, "A threshold must name the flag it raises.");
        }

        return problems;
    }

    private static void ValidateTier(TierRule tier, Action<string, string, string> add)
    {
        if (string.IsNullOrWhiteSpace(tier.ItemCode) && string.IsNullOrWhiteSpace(tier.Category))
            add("Pricing.NeverApplies", tier.Code, "The tier names neither an item nor a category.");
        if (tier.Bands.Count == 0)
        {
            add("Pricing.NeverApplies", tier.Code, "The tier has no bands.");
            return;
        }
        var bands = tier.Bands.OrderBy(b => b.From).ToList();
        if (bands[0].From > 0) add("Pricing.TierGap", tier.Code, $"Nothing covers 0 to {bands[0].From}.");
        for (var i = 0; i < bands.Count; i++)
        {
            var band = bands[i];
            if (band.PercentOff is < 0 or > 100) add("Pricing.BadPercent", tier.Code, "A discount must be between 0 and 100 %.");
            if (band.From < 0) add("Pricing.NegativePrice", tier.Code, "A band cannot start below zero.");
            if (band.To is { } to && to <= band.From) add("Pricing.NeverApplies", tier.Code, $"The band from {band.From} ends before it starts.");
            if (i == 0) continue;
            var previous = bands[i - 1];
            if (previous.To is null || band.From < previous.To) add("Pricing.TierOverlap", tier.Code, $"The bands from {previous.From} and {band.From} overlap.");
            else if (band.From > previous.To) add("Pricing.TierGap", tier.Code, $"Nothing covers {previous.To} to {band.From}.");
        }
    }
}
