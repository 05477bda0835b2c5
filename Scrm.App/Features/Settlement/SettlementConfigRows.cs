using Scrm.Domain.Common;
using Scrm.Domain.Settlement;

namespace Scrm.App.Features.Settlement;

/// <summary>A stored commission plan; its tiers as JSON.</summary>
public sealed class CommissionPlanRow : IAuditable
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Region { get; set; }
    public CommissionBasis Basis { get; set; }
    public TierMode Mode { get; set; }
    public string Tiers { get; set; } = "[]";
    public long Version { get; set; }

    public CommissionPlan ToPlan() => new(Key, Name, Region, Basis, Mode, DomainJson.Deserialize<List<CommissionTier>>(Tiers));

    public void From(CommissionPlan plan)
    {
        (Key, Name, Region, Basis, Mode) = (plan.Key, plan.Name, plan.Region, plan.Basis, plan.Mode);
        Tiers = DomainJson.Serialize(plan.Tiers);
    }
}

/// <summary>A stored franchise partner; its cities as JSON.</summary>
public sealed class PartnerRow : IAuditable
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string Region { get; set; } = "";
    public string Cities { get; set; } = "[]";
    public decimal SharePercent { get; set; }
    public long PerTicketFeeFen { get; set; }
    public long Version { get; set; }

    public Partner ToPartner() => new(Key, Name, Region, DomainJson.Deserialize<List<string>>(Cities), SharePercent, PerTicketFeeFen);

    public void From(Partner partner)
    {
        (Key, Name, Region, SharePercent, PerTicketFeeFen) = (partner.Key, partner.Name, partner.Region, partner.SharePercent, partner.PerTicketFeeFen);
        Cities = DomainJson.Serialize(partner.Cities);
    }
}

/// <summary>The one row of settlement settings: how pipeline revenue is split.</summary>
public sealed class SettlementSettingsRow : IAuditable
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public decimal ParentPercent { get; set; } = PipelineSplit.Default.ParentPercent;
    public decimal ChildPercent { get; set; } = PipelineSplit.Default.ChildPercent;
    public long Version { get; set; }

    public PipelineSplit ToSplit() => new(ParentPercent, ChildPercent);
}
