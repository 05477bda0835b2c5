namespace Scrm.Domain.Settlement;

/// <summary>What a technician's monthly volume is measured in: finished tickets, or revenue in fen.</summary>
public enum CommissionBasis
{
    TicketCount,
    Revenue,
}

/// <summary>
/// How a crossed tier pays. <see cref="Whole"/> (全额): the rate of the tier the month ends in applies to the whole
/// month's revenue. <see cref="Progressive"/> (累进): each tier's rate applies only to the part of the volume inside it —
/// by revenue, the fen within the tier; by count, the tickets numbered within it (the crossing ticket is the first at the
/// higher rate).
/// </summary>
public enum TierMode
{
    Whole,
    Progressive,
}

/// <summary>
/// One step of a plan: volumes <see cref="From"/> to <see cref="To"/> (inclusive; null = no upper end) earn
/// <see cref="RatePercent"/> of revenue. Volumes are whole units (tickets or fen), so the next tier starts at To + 1.
/// </summary>
public sealed record CommissionTier(long From, long? To, decimal RatePercent)
{
    public bool Contains(long volume) => volume >= From && (To is null || volume <= To);
}

/// <summary>A commission plan: tiers by monthly volume, for one region or, with no region, for every region without its own.</summary>
public sealed record CommissionPlan(string Key, string Name, string? Region, CommissionBasis Basis, TierMode Mode, IReadOnlyList<CommissionTier> Tiers)
{
    public const int KeyMaxLength = 40;
    public const int NameMaxLength = 80;
    public const decimal MaxRatePercent = 100m;

    /// <summary>Every reason the plan cannot be saved, each with a stable code; empty when it is sound.</summary>
    public IReadOnlyList<SettlementProblem> Validate()
    {
        var problems = new List<SettlementProblem>();
        if (string.IsNullOrWhiteSpace(Key) || Key.Length > KeyMaxLength)
            problems.Add(new("key", SettlementProblem.KeyInvalid, $"A key of 1 to {KeyMaxLength} characters is required."));
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > NameMaxLength)
            problems.Add(new("name", SettlementProblem.NameInvalid, $"A name of 1 to {NameMaxLength} characters is required."));
        if (Tiers.Count == 0)
        {
            problems.Add(new("tiers", SettlementProblem.NoTiers, "A plan needs at least one tier."));
            return problems;
        }
        for (var i = 0; i < Tiers.Count; i++)
        {
            var tier = Tiers[i];
            var field = $"tiers[{i}]";
            if (tier.RatePercent < 0) problems.Add(new(field, SettlementProblem.NegativeRate, $"Tier {i + 1} has a negative rate ({tier.RatePercent} %)."));
            else if (tier.RatePercent > MaxRatePercent) problems.Add(new(field, SettlementProblem.RateTooHigh, $"Tier {i + 1} pays more than {MaxRatePercent} %."));
            if (tier.From < 0) problems.Add(new(field, SettlementProblem.NegativeVolume, $"Tier {i + 1} starts below zero."));
            if (tier.To is { } to && to < tier.From) problems.Add(new(field, SettlementProblem.EmptyTier, $"Tier {i + 1} ends ({to}) before it starts ({tier.From})."));
            if (i == 0 && tier.From != 0) problems.Add(new(field, SettlementProblem.MustStartAtZero, $"The first tier must start at 0, not {tier.From}: volumes below it would earn nothing."));
            if (i > 0)
            {
                var before = Tiers[i - 1];
                if (before.To is null)
                    problems.Add(new(field, SettlementProblem.Overlap, $"Tier {i} has no upper end, so tier {i + 1} overlaps it."));
                else if (tier.From <= before.To)
                    problems.Add(new(field, SettlementProblem.Overlap, $"Tier {i + 1} starts at {tier.From}, inside tier {i} (up to {before.To})."));
                else if (tier.From > before.To + 1)
                    problems.Add(new(field, SettlementProblem.Gap, $"Volumes {before.To + 1} to {tier.From - 1} fall between tier {i} and tier {i + 1}."));
            }
        }
        if (Tiers[^1].To is not null)
            problems.Add(new($"tiers[{Tiers.Count - 1}]", SettlementProblem.NoOpenTop, $"The last tier must have no upper end: volumes above {Tiers[^1].To} would earn nothing."));
        return problems;
    }

    /// <summary>The tier a monthly volume falls in (the top tier above every bound).</summary>
    public int TierIndexOf(long volume)
    {
        for (var i = Tiers.Count - 1; i >= 0; i--)
            if (volume >= Tiers[i].From) return i;
        return 0;
    }
}
