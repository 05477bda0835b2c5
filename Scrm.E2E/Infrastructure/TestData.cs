using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Common;
using Scrm.Domain.Tickets;

namespace Scrm.E2E.Infrastructure;

/// <summary>Arranges tickets through the real service, as an office user would create them.</summary>
public static class TestData
{
    public static readonly AccessScope Admin =
        new(new Actor("e2e-admin", "测试管理员"), new HashSet<string> { AppRoles.Admin }, true, [], null);

    public static async Task<TicketDetail> NewTicketAsync(this ScrmServer server, string city, string title,
        TicketPriority priority = TicketPriority.Normal)
    {
        var tickets = server.Services.GetRequiredService<TicketService>();
        var created = await tickets.CreateAsync(Admin, new NewTicketRequest
        {
            Title = title,
            Type = nameof(TicketType.Repair),
            Priority = priority.ToString(),
            Customer = new NewCustomer { Name = $"{city}测试门店{Random.Shared.Next(1000, 9999)}", Phone = $"139{Random.Shared.Next(10_000_000, 99_999_999)}" },
            Site = new NewSite { Address = $"{city}市人民路 1 号", City = city },
        });
        return created.Ticket;
    }

    public static Task<TicketDetail> MoveAsync(this ScrmServer server, TicketDetail ticket, TicketStatus to, string? comment = null) =>
        server.Services.GetRequiredService<TicketService>().TransitionAsync(Admin, ticket.Row.Id, to, comment);
}
