using Scrm.Domain.Common;

namespace Scrm.Domain.Dispatch;

/// <summary>
/// A customer's rating was folded into a technician's average. Dispatch scores with the new average from here: raised
/// by the fold itself, so a reader of the technician after this event sees the rating it announces.
/// </summary>
/// <remarks>The technician is the event's <see cref="DomainEvent.AggregateId"/>.</remarks>
public sealed record TechnicianRated(string Region, double Rating) : DomainEvent;
