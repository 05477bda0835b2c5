using System.Globalization;
using Scrm.Domain.Customers;
using Scrm.Domain.Pricing;

namespace Scrm.App.Features.Pricing;

/// <summary>
/// The /pricing editor's form for one rule of any kind the engine has (price list entry, tier, promotion, urgency
/// rate, member discount, regional coefficient, warranty, threshold). Turns its fields into the domain rule, or
/// per-field error codes.
/// </summary>
public sealed class RuleForm
{
    public long? Id { get; set; }
    public long? Version { get; set; }
    public PriceRuleKind Kind { get; set; } = PriceRuleKind.Promotion;
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string ItemCode { get; set; } = "";
    public string Category { get; set; } = "";
    public string? Region { get; set; }
    public string City { get; set; } = "";
    public CustomerType? CustomerType { get; set; }
    public decimal PriceYuan { get; set; }
    public decimal Percent { get; set; }
    public DateTime? From { get; set; }
    public DateTime? To { get; set; }
    public Urgency Urgency { get; set; }
    public TierBasis Basis { get; set; }
    /// <summary>Bands as "0-10:0; 10-50:5; 50-:10" (from-to: percent off; an empty "to" is open).</summary>
    public string Bands { get; set; } = "";
    public string Currency { get; set; } = PriceBook.Currency;
    public CustomerTier Level { get; set; } = CustomerTier.Silver;
    public decimal Factor { get; set; } = 1m;
    public bool PartsFree { get; set; } = true;
    public bool LabourFree { get; set; }
    public string Flag { get; set; } = "";
    public string Description { get; set; } = "";

    /// <summary>Kinds whose rules belong to a region (a Manager edits their own region's); the others are head office's.</summary>
    public static bool IsRegional(PriceRuleKind kind) =>
        kind is PriceRuleKind.PriceList or PriceRuleKind.Promotion or PriceRuleKind.UrgencyRate or PriceRuleKind.Coefficient;

    /// <summary>Field → error code (Error.&lt;code&gt; in strings.tsv).</summary>
    public Dictionary<string, string> Errors { get; } = [];

    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    public static RuleForm Of(StoredRule stored)
    {
        var f = new RuleForm { Id = stored.Id, Version = stored.Version, Kind = stored.Kind, Code = stored.Code };
        switch (stored.Rule)
        {
            case PriceListEntry p:
                (f.ItemCode, f.Region, f.City, f.CustomerType, f.PriceYuan, f.Currency) = (p.ItemCode, p.Region, p.City ?? "", p.CustomerType, p.UnitPriceFen / 100m, p.Currency);
                (f.From, f.To) = (Local(p.Validity.From), Local(p.Validity.To));
                break;
            case Promotion p:
                (f.Name, f.Category, f.Percent, f.Region) = (p.Name, p.Category, p.PercentOff, p.Region);
                (f.From, f.To) = (Local(p.Window.From), Local(p.Window.To));
                break;
            case UrgencyRate u:
                (f.Urgency, f.PriceYuan, f.Region, f.Currency) = (u.Urgency, u.HourlyFen / 100m, u.Region, u.Currency);
                break;
            case TierRule t:
                (f.Name, f.Basis, f.ItemCode, f.Category) = (t.Name, t.Basis, t.ItemCode ?? "", t.Category ?? "");
                f.Bands = string.Join("; ", t.Bands.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.From}-{b.To}:{b.PercentOff}")));
                break;
            case MemberDiscount m:
                (f.Level, f.Percent) = (m.Level, m.PercentOff);
                break;
            case RegionalCoefficient c:
                (f.Region, f.City, f.Factor) = (c.Region, c.City ?? "", c.Factor);
                break;
            case WarrantyPolicy w:
                (f.PartsFree, f.LabourFree) = (w.PartsFree, w.LabourFree);
                break;
            case Threshold t:
                (f.PriceYuan, f.Flag, f.Description) = (t.MinTotalFen / 100m, t.Flag, t.Description);
                break;
        }
        return f;
    }

    public RuleForm Copy() => WithFreshErrors(this);

    private static RuleForm WithFreshErrors(RuleForm copy)
    {
        var fresh = new RuleForm
        {
            Id = copy.Id, Version = copy.Version, Kind = copy.Kind, Code = copy.Code, Name = copy.Name, ItemCode = copy.ItemCode, Category = copy.Category,
            Region = copy.Region, City = copy.City, CustomerType = copy.CustomerType, PriceYuan = copy.PriceYuan, Percent = copy.Percent, From = copy.From,
            To = copy.To, Urgency = copy.Urgency, Basis = copy.Basis, Bands = copy.Bands, Currency = copy.Currency,
            Level = copy.Level, Factor = copy.Factor, PartsFree = copy.PartsFree, LabourFree = copy.LabourFree, Flag = copy.Flag,
            Description = copy.Description,
        };
        return fresh;
    }

    /// <summary>The rule this form describes, or null with <see cref="Errors"/> filled.</summary>
    public object? ToRule()
    {
        Errors.Clear();
        if (string.IsNullOrWhiteSpace(Code)) Errors["code"] = "Field.Required";
        var window = new ValidityWindow(Instant(From), Instant(To));
        var region = string.IsNullOrWhiteSpace(Region) ? null : Region;
        object? rule = null;
        switch (Kind)
        {
            case PriceRuleKind.PriceList:
                if (string.IsNullOrWhiteSpace(ItemCode)) Errors["itemCode"] = "Field.Required";
                rule = new PriceListEntry(Code.Trim(), ItemCode.Trim(), PriceEngine.Round(PriceYuan * 100), region,
                    string.IsNullOrWhiteSpace(City) ? null : City.Trim(), CustomerType, window, Currency.Trim().ToUpperInvariant());
                break;
            case PriceRuleKind.Promotion:
                if (string.IsNullOrWhiteSpace(Name)) Errors["name"] = "Field.Required";
                if (string.IsNullOrWhiteSpace(Category)) Errors["category"] = "Field.Required";
                rule = new Promotion(Code.Trim(), Name.Trim(), Category.Trim(), Percent, window, region);
                break;
            case PriceRuleKind.UrgencyRate:
                rule = new UrgencyRate(Code.Trim(), Urgency, PriceEngine.Round(PriceYuan * 100), region, Currency.Trim().ToUpperInvariant());
                break;
            case PriceRuleKind.Tier:
                if (string.IsNullOrWhiteSpace(Name)) Errors["name"] = "Field.Required";
                var bands = ParseBands(Bands);
                if (bands is null) Errors["bands"] = "Pricing.BadBands";
                rule = new TierRule(Code.Trim(), Name.Trim(), Basis, bands ?? [], NullIfEmpty(ItemCode), NullIfEmpty(Category));
                break;
            case PriceRuleKind.MemberDiscount:
                rule = new MemberDiscount(Code.Trim(), Level, Percent);
                break;
            case PriceRuleKind.Coefficient:
                if (region is null) Errors["region"] = "Field.Required";
                rule = new RegionalCoefficient(Code.Trim(), region ?? "", Factor, NullIfEmpty(City));
                break;
            case PriceRuleKind.Warranty:
                rule = new WarrantyPolicy(Code.Trim(), PartsFree, LabourFree);
                break;
            case PriceRuleKind.Threshold:
                if (string.IsNullOrWhiteSpace(Flag)) Errors["flag"] = "Field.Required";
                if (string.IsNullOrWhiteSpace(Description)) Errors["description"] = "Field.Required";
                rule = new Threshold(Code.Trim(), PriceEngine.Round(PriceYuan * 100), Flag.Trim(), Description.Trim());
                break;
            default:
                Errors["kind"] = "Pricing.KindNotEditable";
                break;
        }
        return Errors.Count == 0 ? rule : null;
    }

    /// <summary>Where on the form a rule-set problem belongs.</summary>
    public static string FieldOf(PriceRuleKind kind, string problemCode) => (kind, problemCode) switch
    {
        (PriceRuleKind.Coefficient, "Pricing.NeverApplies") => "factor",
        (PriceRuleKind.Threshold, "Pricing.NeverApplies") => "flag",
        (_, "Pricing.DuplicateLevel") => "level",
        (_, "Pricing.CoefficientOverlap") => "city",
        (_, "Pricing.WarrantyExists") => "code",
        _ => FieldOf(problemCode),
    };

    public static string FieldOf(string problemCode) => problemCode switch
    {
        "Pricing.NegativePrice" => "price",
        "Pricing.CurrencyMismatch" => "currency",
        "Pricing.PromotionOverlap" or "Pricing.PriceOverlap" or "Pricing.RateOverlap" => "from",
        "Pricing.TierGap" or "Pricing.TierOverlap" => "bands",
        "Pricing.BadPercent" => "percent",
        "Pricing.DuplicateCode" or "Pricing.NoCode" => "code",
        _ => "general",
    };

    private static List<TierBand>? ParseBands(string text)
    {
        var bands = new List<TierBand>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.Split(':');
            var range = colon[0].Split('-');
            if (colon.Length != 2 || range.Length != 2
                || !decimal.TryParse(range[0], CultureInfo.InvariantCulture, out var from)
                || !decimal.TryParse(colon[1], CultureInfo.InvariantCulture, out var percent)) return null;
            decimal? to = null;
            if (range[1].Trim().Length > 0)
            {
                if (!decimal.TryParse(range[1], CultureInfo.InvariantCulture, out var end)) return null;
                to = end;
            }
            bands.Add(new TierBand(from, to, percent));
        }
        return bands.Count == 0 ? null : bands;
    }

    private static string? NullIfEmpty(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static DateTimeOffset? Instant(DateTime? localDay) =>
        localDay is { } d ? new DateTimeOffset(d.Date, Shanghai) : null;

    private static DateTime? Local(DateTimeOffset? instant) => instant?.ToOffset(Shanghai).DateTime.Date;
}
