namespace Scrm.App.Features.Tickets;

public static class TicketsServiceCollectionExtensions
{
    public static IServiceCollection AddTickets(this IServiceCollection services) => services
        .AddSingleton<TicketDraftResolver>()
        .AddSingleton<BoardRows>()
        .AddSingleton<TicketQueries>()
        .AddSingleton<TicketService>()
        .AddScoped<TicketMover>();
}
