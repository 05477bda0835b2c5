namespace Scrm.Domain.Settlement;

/// <summary>
/// A franchise service partner (加盟服务商): serves the listed cities (or, with none listed, its whole region) and is
/// paid <see cref="SharePercent"/> of the revenue there plus <see cref="PerTicketFeeFen"/> for every finished ticket.
/// </summary>
public sealed record Partner(string Key, string Name, string Region, IReadOnlyList<string> Cities, decimal SharePercent, long PerTicketFeeFen)
{
    public const int KeyMaxLength = 40;
    public const int NameMaxLength = 80;

    public bool Serves(string region, string city) => Region == region && (Cities.Count == 0 || Cities.Contains(city));

    /// <summary>What the partner earns on one line: its share of the revenue and, for a finished ticket, the fee.</summary>
    public (long ShareFen, long FeeFen) Earns(long revenueFen, bool finishedTicket) =>
        (Fen.Percent(revenueFen, SharePercent), finishedTicket ? PerTicketFeeFen : 0);

    /// <summary>Every reason the partner cannot be saved beside <paramref name="others"/>; empty when it is sound.</summary>
    public IReadOnlyList<SettlementProblem> Validate(IEnumerable<Partner> others)
    {
        var problems = new List<SettlementProblem>();
        if (string.IsNullOrWhiteSpace(Key) || Key.Length > KeyMaxLength)
            problems.Add(new("key", SettlementProblem.KeyInvalid, $"A key of 1 to {KeyMaxLength} characters is required."));
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > NameMaxLength)
            problems.Add(new("name", SettlementProblem.NameInvalid, $"A name of 1 to {NameMaxLength} characters is required."));
        if (SharePercent is < 0 or > 100)
            problems.Add(new("sharePercent", SettlementProblem.ShareOutOfRange, $"A share must lie between 0 and 100 %, not {SharePercent} %."));
        if (PerTicketFeeFen < 0)
            problems.Add(new("perTicketFeeFen", SettlementProblem.NegativeFee, "A per-ticket fee cannot be negative."));
        if (string.IsNullOrWhiteSpace(Region))
            problems.Add(new("region", SettlementProblem.NoTerritory, "A partner serves a region (and optionally some of its cities)."));
        foreach (var other in others.Where(o => o.Key != Key && o.Region == Region))
        {
            // Two partners on one city would both be paid for the same ticket.
            var clash = Cities.Count == 0 || other.Cities.Count == 0 ? Region : Cities.Intersect(other.Cities).FirstOrDefault();
            if (clash is not null)
                problems.Add(new("cities", SettlementProblem.TerritoryTaken, $"{clash} is already served by {other.Name}."));
        }
        return problems;
    }

    public static Partner? For(IEnumerable<Partner> partners, string region, string city) => partners.FirstOrDefault(p => p.Serves(region, city));
}

/// <summary>
/// How a pipeline ticket's revenue is split between the party of the parent ticket and the party of the child ticket
/// that billed it (e.g. 60/40), to the fen by largest remainder so the parts always sum to the bill.
/// </summary>
public sealed record PipelineSplit(decimal ParentPercent, decimal ChildPercent)
{
    public static readonly PipelineSplit Default = new(60, 40);

    public IReadOnlyList<SettlementProblem> Validate()
    {
        if (ParentPercent < 0 || ChildPercent < 0 || ParentPercent + ChildPercent != 100)
            return [new("parentPercent", SettlementProblem.ShareOutOfRange, $"Parent and child shares must be 0 or more and add up to 100 %, not {ParentPercent} + {ChildPercent}.")];
        return [];
    }

    public (long ParentFen, long ChildFen) Split(long totalFen)
    {
        var parts = Fen.SplitLargestRemainder(totalFen, [ParentPercent, ChildPercent]);
        return (parts[0], parts[1]);
    }
}
