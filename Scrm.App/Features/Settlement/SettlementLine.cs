using Scrm.Domain.Settlement;

namespace Scrm.App.Features.Settlement;

/// <summary>Whether a line records a final bill or a later correction of it (BillCredited).</summary>
public enum SettlementLineKind
{
    Bill,
    Credit,
}

/// <summary>
/// One settled event: a final bill or a correction, in the period it counts in. Written once by
/// <see cref="SettlementRecorder"/> and never changed (a closed period's lines are frozen; corrections are new lines).
/// </summary>
public sealed class SettlementLine
{
    public const int TicketNumberMaxLength = 30;
    public const int CityMaxLength = 40;
    public const int ReasonMaxLength = 200;

    public long Id { get; set; }

    /// <summary>The event this line came from: one line per event, whatever redelivery does.</summary>
    public Guid EventId { get; set; }

    public SettlementLineKind Kind { get; set; }
    public long TicketId { get; set; }
    public string TicketNumber { get; set; } = "";
    public long? ParentTicketId { get; set; }
    public string Region { get; set; } = "";
    public string City { get; set; } = "";
    public long? TechnicianId { get; set; }
    public string? PartnerKey { get; set; }

    /// <summary>The period the line counts in ("2026-11"): the month it happened, or the next open one when that was closed.</summary>
    public string Period { get; set; } = "";

    /// <summary>The month it happened in, which differs from <see cref="Period"/> for a late adjustment.</summary>
    public string EventPeriod { get; set; } = "";

    /// <summary>It happened in a period already closed, so it landed in the next open one.</summary>
    public bool LateAdjustment { get; set; }

    public long RevenueFen { get; set; }
    public long CostFen { get; set; }
    public long MarginFen { get; set; }
    public long PartnerShareFen { get; set; }
    public long PartnerFeeFen { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    public List<SettlementShare> Shares { get; set; } = [];
}

/// <summary>A party's part of a line's revenue: what a technician's commission is computed from.</summary>
public sealed class SettlementShare
{
    public long Id { get; set; }
    public long LineId { get; set; }
    public string Period { get; set; } = "";
    public string Region { get; set; } = "";
    public ShareParty Party { get; set; }
    public long TicketId { get; set; }
    public long? TechnicianId { get; set; }
    public long AmountFen { get; set; }
    public bool CountsAsTicket { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
}

/// <summary>A closed settlement period: its lines are frozen; later events land in the next open period.</summary>
public sealed class SettlementPeriodClose : Scrm.Domain.Common.IAuditable
{
    public string Period { get; set; } = "";
    public DateTimeOffset ClosedAt { get; set; }
    public string ClosedBy { get; set; } = "";
}
