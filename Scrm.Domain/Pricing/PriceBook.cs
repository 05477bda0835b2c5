using Scrm.Domain.Customers;

namespace Scrm.Domain.Pricing;

/// <summary>
/// A rule set, indexed by item and category so that pricing a line looks at the few rules that can touch it, not
/// all of them. Immutable: a change builds a new book (the what-if panel prices one sample ticket against both).
/// </summary>
public sealed class PriceBook
{
    public const string Currency = "CNY";

    /// <summary>The item code of a labour line priced by the urgency's hourly rate.</summary>
    public const string LabourCode = "LABOUR";

    private readonly Dictionary<string, PriceListEntry[]> _pricesByItem;
    private readonly Dictionary<string, TierRule> _tiersByItem;
    private readonly Dictionary<string, TierRule> _tiersByCategory;
    private readonly Dictionary<string, Promotion[]> _promotionsByCategory;
    private readonly Dictionary<string, RegionalCoefficient[]> _coefficientsByRegion;
    private readonly Dictionary<CustomerTier, MemberDiscount> _memberDiscounts;
    private readonly Dictionary<Urgency, UrgencyRate[]> _urgencyRates;

    public PriceBook(
        IEnumerable<PriceListEntry>? prices = null,
        IEnumerable<TierRule>? tiers = null,
        IEnumerable<UrgencyRate>? urgencyRates = null,
        IEnumerable<Promotion>? promotions = null,
        IEnumerable<MemberDiscount>? memberDiscounts = null,
        IEnumerable<RegionalCoefficient>? coefficients = null,
        WarrantyPolicy? warranty = null,
        IEnumerable<Threshold>? thresholds = null)
    {
        Prices = [.. prices ?? []];
        Tiers = [.. tiers ?? []];
        UrgencyRates = [.. urgencyRates ?? []];
        Promotions = [.. promotions ?? []];
        MemberDiscounts = [.. memberDiscounts ?? []];
        Coefficients = [.. coefficients ?? []];
        Warranty = warranty ?? new WarrantyPolicy("WARRANTY", PartsFree: true, LabourFree: true);
        Thresholds = [.. thresholds ?? []];

        _pricesByItem = Prices.GroupBy(p => p.ItemCode, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
        // The first rule of a key wins; validation refuses a second one before a book is saved.
        _tiersByItem = new(StringComparer.OrdinalIgnoreCase);
        _tiersByCategory = new(StringComparer.OrdinalIgnoreCase);
        foreach (var tier in Tiers)
        {
            if (tier.ItemCode is { Length: > 0 } item) _tiersByItem.TryAdd(item, tier);
            else if (tier.Category is { Length: > 0 } category) _tiersByCategory.TryAdd(category, tier);
        }
        _promotionsByCategory = Promotions.GroupBy(p => p.Category, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
        _coefficientsByRegion = Coefficients.GroupBy(c => c.Region, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _memberDiscounts = [];
        foreach (var discount in MemberDiscounts) _memberDiscounts.TryAdd(discount.Level, discount);
        _urgencyRates = UrgencyRates.GroupBy(r => r.Urgency).ToDictionary(g => g.Key, g => g.ToArray());
    }

    public IReadOnlyList<PriceListEntry> Prices { get; }
    public IReadOnlyList<TierRule> Tiers { get; }
    public IReadOnlyList<UrgencyRate> UrgencyRates { get; }
    public IReadOnlyList<Promotion> Promotions { get; }
    public IReadOnlyList<MemberDiscount> MemberDiscounts { get; }
    public IReadOnlyList<RegionalCoefficient> Coefficients { get; }
    public WarrantyPolicy Warranty { get; }
    public IReadOnlyList<Threshold> Thresholds { get; }

    public static readonly PriceBook Empty = new();

    public int RuleCount => Prices.Count + Tiers.Count + UrgencyRates.Count + Promotions.Count + MemberDiscounts.Count + Coefficients.Count + Thresholds.Count;

    internal IReadOnlyList<PriceListEntry> PricesFor(string itemCode) =>
        _pricesByItem.TryGetValue(itemCode, out var prices) ? prices : [];

    internal TierRule? TierFor(string itemCode, string category) =>
        _tiersByItem.TryGetValue(itemCode, out var tier) ? tier : _tiersByCategory.GetValueOrDefault(category);

    internal IReadOnlyList<Promotion> PromotionsFor(string category) =>
        _promotionsByCategory.TryGetValue(category, out var promotions) ? promotions : [];

    internal IReadOnlyList<RegionalCoefficient> CoefficientsFor(string region) =>
        _coefficientsByRegion.TryGetValue(region, out var coefficients) ? coefficients : [];

    internal MemberDiscount? MemberDiscountFor(CustomerTier level) => _memberDiscounts.GetValueOrDefault(level);

    internal IReadOnlyList<UrgencyRate> UrgencyRatesFor(Urgency urgency) =>
        _urgencyRates.TryGetValue(urgency, out var rates) ? rates : [];

    /// <summary>Returns the book with <paramref name="change"/> applied to its parts (the admin page's edit, the what-if's "after").</summary>
    public PriceBook With(
        IEnumerable<PriceListEntry>? prices = null,
        IEnumerable<TierRule>? tiers = null,
        IEnumerable<UrgencyRate>? urgencyRates = null,
        IEnumerable<Promotion>? promotions = null,
        IEnumerable<MemberDiscount>? memberDiscounts = null,
        IEnumerable<RegionalCoefficient>? coefficients = null,
        WarrantyPolicy? warranty = null,
        IEnumerable<Threshold>? thresholds = null) =>
        new(prices ?? Prices, tiers ?? Tiers, urgencyRates ?? UrgencyRates, promotions ?? Promotions,
            memberDiscounts ?? MemberDiscounts, coefficients ?? Coefficients, warranty ?? Warranty, thresholds ?? Thresholds);

    /// <summary>Every reason this rule set must not be saved; empty when it may.</summary>
    public IReadOnlyList<RuleProblem> Validate() => RuleSetValidator.Validate(this);
}
