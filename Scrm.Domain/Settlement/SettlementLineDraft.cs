namespace Scrm.Domain.Settlement;

/// <summary>Who a share of a line's revenue is attributed to: the ticket's own party, or a pipeline's parent or child party.</summary>
public enum ShareParty
{
    Whole,
    Parent,
    Child,
}

/// <summary>A part of a line's revenue, for one party (and its technician when known).</summary>
public sealed record ShareDraft(ShareParty Party, long TicketId, long? TechnicianId, long AmountFen, bool CountsAsTicket);

/// <summary>The figures of one settlement line, before it is stored.</summary>
public sealed record SettlementLineDraft(long RevenueFen, long CostFen, long MarginFen, string? PartnerKey, long PartnerShareFen, long PartnerFeeFen,
    IReadOnlyList<ShareDraft> Shares)
{
    /// <summary>
    /// The line of a final bill (<paramref name="finishedTicket"/>) or of a correction: margin, the partner's part and
    /// the shares. A child ticket's revenue is split between the parent's party and its own by <paramref name="split"/>.
    /// </summary>
    public static SettlementLineDraft For(long ticketId, long? technicianId, long? parentTicketId, long? parentTechnicianId, long revenueFen,
        long costFen, bool finishedTicket, Partner? partner, PipelineSplit split)
    {
        var (share, fee) = partner?.Earns(revenueFen, finishedTicket) ?? (0, 0);
        IReadOnlyList<ShareDraft> shares;
        if (parentTicketId is { } parent)
        {
            var (parentFen, childFen) = split.Split(revenueFen);
            shares =
            [
                new ShareDraft(ShareParty.Parent, parent, parentTechnicianId, parentFen, false),
                new ShareDraft(ShareParty.Child, ticketId, technicianId, childFen, finishedTicket),
            ];
        }
        else
        {
            shares = [new ShareDraft(ShareParty.Whole, ticketId, technicianId, revenueFen, finishedTicket)];
        }
        return new SettlementLineDraft(revenueFen, costFen, revenueFen - costFen, partner?.Key, share, fee, shares);
    }
}
