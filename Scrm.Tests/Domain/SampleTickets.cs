using Scrm.Domain.Common;
using Scrm.Domain.Dispatch;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;

namespace Scrm.Tests.Domain;

/// <summary>Tickets in a known state, built only through the public domain API.</summary>
internal static class SampleTickets
{
    public const string Number = "GD-20261124-0001";
    public const long TechnicianId = 7;
    public const string TechnicianName = "李师傅";
    public const string Reason = "客户要求";

    public static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(8));
    public static readonly DateTimeOffset Later = Now.AddHours(2);
    public static readonly Actor Dispatcher = new("u-dispatch", "王调度");
    public static readonly Actor Engineer = new("u-tech-7", TechnicianName);

    public static TicketDraft Draft(string title = "空调不制冷", string? description = "机房空调出风口温度 28℃") =>
        new(TicketType.Repair, title, description, TicketPriority.Normal,
            CustomerId: 42, CustomerName: "全家便利店", SiteId: 3,
            SiteAddress: "上海市静安区南京西路 1000 号", City: "上海", Region: Regions.East,
            Location: new GeoPoint(31.2304, 121.4737), DeviceId: 9);

    public static readonly Technician Li = Technician(TechnicianId, TechnicianName);

    /// <summary>A technician with a known key, as the database would hand one back.</summary>
    public static Technician Technician(long id, string name, string city = "上海")
    {
        var technician = new Technician(name, "13900000000", ReferenceCity(city), TechnicianLevel.Senior);
        typeof(Technician).GetProperty(nameof(Scrm.Domain.Dispatch.Technician.Id))!.SetValue(technician, id);
        return technician;
    }

    private static City ReferenceCity(string name) => name switch
    {
        "上海" => new City("上海", "上海", Regions.East, new GeoPoint(31.2304, 121.4737)),
        "广州" => new City("广州", "广东", Regions.South, new GeoPoint(23.1291, 113.2644)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Add the city to the sample list."),
    };

    public static Ticket New() => Ticket.Open(Draft(), Number, Dispatcher, Now);

    /// <summary>A ticket walked to <paramref name="status"/> along the shortest ordinary path.</summary>
    public static Ticket In(TicketStatus status)
    {
        var ticket = New();
        foreach (var step in PathTo(status))
            MoveTo(ticket, step, Now);
        ticket.Status.ShouldBe(status);
        return ticket;
    }

    /// <summary>
    /// Makes one move the way the app would: a ticket without an assignee reaches Assigned through
    /// AssignTo (TransitionTo alone refuses it), and a reason is given only where one is required.
    /// </summary>
    public static void MoveTo(Ticket ticket, TicketStatus to, DateTimeOffset at)
    {
        if (to == TicketStatus.Assigned && ticket.AssigneeId is null)
            ticket.AssignTo(Li, Dispatcher, at);
        else
            ticket.TransitionTo(to, Dispatcher, at, TicketWorkflow.RequiresComment(to) ? Reason : null);
    }

    private static TicketStatus[] PathTo(TicketStatus status)
    {
        TicketStatus[] toWork = [TicketStatus.Assigned, TicketStatus.Accepted, TicketStatus.EnRoute, TicketStatus.OnSite, TicketStatus.InProgress];
        return status switch
        {
            TicketStatus.New => [],
            TicketStatus.Assigned => toWork[..1],
            TicketStatus.Accepted => toWork[..2],
            TicketStatus.EnRoute => toWork[..3],
            TicketStatus.OnSite => toWork[..4],
            TicketStatus.InProgress => toWork,
            TicketStatus.OnHold => [.. toWork, TicketStatus.OnHold],
            TicketStatus.Resolved => [.. toWork, TicketStatus.Resolved],
            TicketStatus.Closed => [.. toWork, TicketStatus.Resolved, TicketStatus.Closed],
            TicketStatus.Reopened => [.. toWork, TicketStatus.Resolved, TicketStatus.Reopened],
            TicketStatus.Cancelled => [TicketStatus.Cancelled],
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "No path to this status yet."),
        };
    }
}
