using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.Domain.Dispatch;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Technicians;

public sealed record SkillView(string Skill, int Level);

public sealed record TechnicianRow(long Id, string Name, string Phone, string City, string Region, TechnicianLevel Level,
    TechnicianStatus Status, double? Rating, IReadOnlyList<SkillView> Skills, int OpenTickets, int RatingCount = 0);

public sealed class TechnicianQueries(IDbContextFactory<ScrmDbContext> dbFactory)
{
    public async Task<IReadOnlyList<TechnicianRow>> ListAsync(AccessScope scope, string? region = null, string? text = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var query = db.Technicians.AsNoTracking().Include(t => t.Skills).AsSplitQuery();
        if (!string.IsNullOrWhiteSpace(region)) query = query.Where(t => t.Region == region);
        if (!string.IsNullOrWhiteSpace(text)) query = query.Where(t => t.Name.Contains(text.Trim()) || t.City.Contains(text.Trim()));
        var list = await query.OrderBy(t => t.Region).ThenBy(t => t.City).ThenBy(t => t.Name).ToListAsync(ct);
        var ids = list.Select(t => t.Id).ToList();
        var load = await db.Tickets.Where(t => t.AssigneeId != null && ids.Contains(t.AssigneeId.Value) &&
                                               TicketWorkflow.WorkInHandStatuses.Contains(t.Status))
            .GroupBy(t => t.AssigneeId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return list.Select(t => new TechnicianRow(t.Id, t.Name, t.Phone, t.City, t.Region, t.Level, t.Status, t.Rating,
            t.Skills.OrderByDescending(s => s.Level).Select(s => new SkillView(s.Skill, s.Level)).ToList(),
            load.GetValueOrDefault(t.Id), t.RatingCount)).ToList();
    }
}

public static class TechniciansServiceCollectionExtensions
{
    public static IServiceCollection AddTechnicians(this IServiceCollection services) => services
        .AddSingleton<TechnicianQueries>()
        .AddEventHandler<Scrm.Domain.Tickets.TicketAssigned, TechnicianWorkload>()
        .AddEventHandler<Scrm.Domain.Tickets.TicketStatusChanged, TechnicianWorkload>();
}
