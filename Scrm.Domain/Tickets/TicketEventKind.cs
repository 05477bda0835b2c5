namespace Scrm.Domain.Tickets;

public enum TicketEventKind
{
    Created,
    StatusChanged,
    Assigned,
    FieldChanged,
    Commented,
}
