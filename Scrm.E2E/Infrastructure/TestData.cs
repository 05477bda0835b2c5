using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Common;
using Scrm.Domain.Tickets;

namespace Scrm.E2E.Infrastructure;

/// <summary>Arranges tickets through the real service, as an office user would create them, and what the event dispatcher leaves behind.</summary>
public static class TestData
{
    public static readonly AccessScope Admin =
        new(new Actor("e2e-admin", "测试管理员"), new HashSet<string> { AppRoles.Admin }, true, [], null);

    public static async Task<TicketDetail> NewTicketAsync(this ScrmServer server, string city, string title,
        TicketPriority priority = TicketPriority.Normal, TicketType type = TicketType.Repair)
    {
        var tickets = server.Services.GetRequiredService<TicketService>();
        var created = await tickets.CreateAsync(Admin, new NewTicketRequest
        {
            Title = title,
            Type = type.ToString(),
            Priority = priority.ToString(),
            Customer = new NewCustomer { Name = $"{city}测试门店{Random.Shared.Next(1000, 9999)}", Phone = $"139{Random.Shared.Next(10_000_000, 99_999_999)}" },
            Site = new NewSite { Address = $"{city}市人民路 1 号", City = city },
        });
        return created.Ticket;
    }

    /// <summary>The technician record behind a technician's sign-in account.</summary>
    public static async Task<long> TechnicianIdOfAsync(this ScrmServer server, string email)
    {
        using var scope = server.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        var claim = (await users.GetClaimsAsync(user)).Single(c => c.Type == AccessScope.TechnicianClaim);
        return long.Parse(claim.Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static Task<TicketDetail> MoveAsync(this ScrmServer server, TicketDetail ticket, TicketStatus to, string? comment = null) =>
        server.Services.GetRequiredService<TicketService>().TransitionAsync(Admin, ticket.Row.Id, to, comment);

    /// <summary>
    /// Parks the ticket's creation event for the day counter, as the dispatcher does after a handler's last failed try.
    /// The outbox message is the real one the ticket service wrote.
    /// </summary>
    public static async Task<ParkedEvent> ParkCreationAsync(this ScrmServer server, TicketDetail ticket, string error)
    {
        await using var db = await server.Services.GetRequiredService<IDbContextFactory<ScrmDbContext>>().CreateForAsync(AccessScope.System);
        var message = await db.OutboxMessages.AsNoTracking()
            .FirstAsync(m => m.AggregateId == ticket.Row.Id && m.Type == nameof(TicketCreated));
        var now = DateTimeOffset.UtcNow;
        var parked = new ParkedEvent
        {
            Handler = "TicketDayCounter", OutboxId = message.Id, EventId = message.EventId, Type = message.Type,
            Attempts = 5, Error = error, ParkedAt = now, LastTriedAt = now, State = ParkedEventState.Parked,
        };
        db.ParkedEvents.Add(parked);
        await db.SaveChangesAsync();
        return parked;
    }
}
