using Scrm.Domain.Settlement;

namespace Scrm.App.Features.Settlement;

/// <summary>A plan as the admin page edits it: revenue volumes in yuan (two decimals), counts as whole tickets.</summary>
public sealed class PlanForm
{
    public bool IsNew { get; init; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Region { get; set; }
    public CommissionBasis Basis { get; set; }
    public TierMode Mode { get; set; }
    public List<TierForm> Tiers { get; set; } = [];

    public static PlanForm From(CommissionPlan plan) => new()
    {
        Key = plan.Key, Name = plan.Name, Region = plan.Region, Basis = plan.Basis, Mode = plan.Mode,
        Tiers = plan.Tiers.Select(t => new TierForm
        {
            From = Shown(plan.Basis, t.From), To = t.To is { } to ? Shown(plan.Basis, to) : null, RatePercent = t.RatePercent,
        }).ToList(),
    };

    public static PlanForm New() => new()
    {
        IsNew = true, Basis = CommissionBasis.TicketCount, Mode = TierMode.Whole,
        Tiers = [new TierForm { From = 0, To = 30, RatePercent = 8 }, new TierForm { From = 31, RatePercent = 10 }],
    };

    public CommissionPlan ToPlan() => new(Key.Trim(), Name.Trim(), string.IsNullOrEmpty(Region) ? null : Region, Basis, Mode,
        Tiers.Select(t => new CommissionTier(Stored(Basis, t.From), t.To is { } to ? Stored(Basis, to) : null, t.RatePercent)).ToList());

    private static decimal Shown(CommissionBasis basis, long volume) => basis == CommissionBasis.Revenue ? volume / 100m : volume;

    private static long Stored(CommissionBasis basis, decimal volume) =>
        basis == CommissionBasis.Revenue ? Fen.Round(volume * 100m) : (long)Math.Round(volume, MidpointRounding.AwayFromZero);
}

public sealed class TierForm
{
    public decimal From { get; set; }
    public decimal? To { get; set; }
    public decimal RatePercent { get; set; }
}

/// <summary>A partner as the admin page edits it: cities comma-separated, the fee in yuan.</summary>
public sealed class PartnerForm
{
    public bool IsNew { get; init; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string Region { get; set; } = "";
    public string Cities { get; set; } = "";
    public decimal SharePercent { get; set; }
    public decimal FeeYuan { get; set; }

    public static PartnerForm From(Partner p) => new()
    {
        Key = p.Key, Name = p.Name, Region = p.Region, Cities = string.Join("，", p.Cities), SharePercent = p.SharePercent, FeeYuan = p.PerTicketFeeFen / 100m,
    };

    public Partner ToPartner() => new(Key.Trim(), Name.Trim(), Region,
        Cities.Split([',', '，', '、', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList(),
        SharePercent, Fen.Round(FeeYuan * 100m));
}
