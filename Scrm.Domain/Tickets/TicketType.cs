namespace Scrm.Domain.Tickets;

public enum TicketType
{
    Repair,
    Installation,
    Maintenance,
    Inspection,
    Consultation,
    Complaint,
    Return,
}
