using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App;
using Scrm.App.Data;
using Scrm.App.Features.Identity;
using Scrm.Domain.Dispatch;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Data;

/// <summary>The demo at its default size, seeded once into its own database (the slow one: a few seconds).</summary>
public sealed class DemoSeedAtDefaultSize(FullDemoApp app) : IClassFixture<FullDemoApp>
{
    private static readonly (string Email, string Role, string Region)[] DemoUsers =
    [
        ("admin@demo.scrm", AppRoles.Admin, "*"),
        ("manager.east@demo.scrm", AppRoles.Manager, Regions.East),
        ("dispatcher.east@demo.scrm", AppRoles.Dispatcher, Regions.East),
        ("dispatcher.south@demo.scrm", AppRoles.Dispatcher, Regions.South),
        ("tech.east1@demo.scrm", AppRoles.Technician, Regions.East),
        ("agent@demo.scrm", AppRoles.Agent, "*"),
        ("finance@demo.scrm", AppRoles.Finance, "*"),
        ("warehouse.east@demo.scrm", AppRoles.Warehouse, Regions.East),
    ];

    private static readonly TicketStatus[] OpenStatuses =
    [
        TicketStatus.New, TicketStatus.Assigned, TicketStatus.Accepted, TicketStatus.EnRoute, TicketStatus.OnSite,
        TicketStatus.InProgress, TicketStatus.OnHold, TicketStatus.Resolved, TicketStatus.Reopened,
    ];

    [Fact]
    public async Task DemoLooksLikeAQuarterOfARealOperation()
    {
        await using var db = await app.DbAsync();
        var clock = app.Get<BusinessClock>();
        var now = DateTimeOffset.UtcNow;

        (await db.Tickets.Select(t => t.Region).Distinct().ToListAsync()).ShouldBe(Regions.All, ignoreOrder: true);
        (await db.Technicians.Select(t => t.Region).Distinct().ToListAsync()).ShouldBe(Regions.All, ignoreOrder: true);
        (await db.Technicians.CountAsync()).ShouldBeGreaterThanOrEqualTo(40);
        (await db.Customers.CountAsync()).ShouldBeGreaterThanOrEqualTo(300);
        (await db.Customers.CountAsync(c => !c.Sites.Any() || !c.Devices.Any())).ShouldBe(0);

        var closed = await db.Tickets.Where(t => t.Status == TicketStatus.Closed).Select(t => t.CreatedAt).ToListAsync();
        closed.Count.ShouldBeGreaterThanOrEqualTo(2000);
        closed.ShouldAllBe(at => at > now.AddDays(-91) && at < now);
        closed.Select(clock.LocalDay).Distinct().Count().ShouldBeGreaterThanOrEqualTo(80);

        var perStatus = await db.Tickets.GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        foreach (var status in OpenStatuses)
            perStatus.GetValueOrDefault(status).ShouldBeGreaterThanOrEqualTo(24, $"tickets in {status}");

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ScrmDbContext>().Scope = AccessScope.System;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        (await db.Users.CountAsync()).ShouldBe(DemoUsers.Length);
        foreach (var (email, role, region) in DemoUsers)
        {
            var user = (await users.FindByEmailAsync(email)).ShouldNotBeNull(email);
            (await users.GetRolesAsync(user)).ShouldBe([role], email);
            var claims = await users.GetClaimsAsync(user);
            claims.Where(c => c.Type == AccessScope.RegionClaim).Select(c => c.Value).ShouldBe([region], email);
            claims.ShouldContain(c => c.Type == AccessScope.DisplayNameClaim && c.Value.Length > 0, email);
        }
        var technician = (await users.FindByEmailAsync("tech.east1@demo.scrm"))!;
        var technicianId = long.Parse((await users.GetClaimsAsync(technician)).Single(c => c.Type == AccessScope.TechnicianClaim).Value,
            System.Globalization.CultureInfo.InvariantCulture);
        var linked = await db.Technicians.SingleAsync(t => t.Id == technicianId);
        linked.UserId.ShouldBe(technician.Id);
        linked.Region.ShouldBe(Regions.East);
        (await db.Tickets.CountAsync(t => t.AssigneeId == technicianId && t.Status != TicketStatus.Closed)).ShouldBeGreaterThan(0);

        var apiKey = app.Get<IConfiguration>()["Demo:ApiKey"];
        apiKey.ShouldNotBeNullOrWhiteSpace();
        var keys = await db.ApiKeys.AsNoTracking().ToListAsync();
        keys.ShouldContain(k => k.KeyHash == ApiKeys.Hash(apiKey) && k.Role == AppRoles.Admin && k.Region == "*");
        (await app.Get<ApiKeys>().FindActiveAsync(apiKey)).ShouldNotBeNull();
        keys.ShouldAllBe(k => k.Name != apiKey && k.KeyHash != apiKey);
        DatabaseFilesContain(apiKey).ShouldBeFalse("the plain key must not be stored anywhere in the database");
    }

    [Fact]
    public async Task OpenWorkGoesToATechnicianOfTheTicketsCityWhenThereIsOneElseOfItsRegion()
    {
        await using var db = await app.DbAsync();
        var technicians = await db.Technicians.AsNoTracking().ToDictionaryAsync(t => t.Id);
        var citiesWithTechnicians = technicians.Values.Where(t => t.Status != TechnicianStatus.OnLeave).Select(t => t.City).ToHashSet();
        var open = await db.Tickets.AsNoTracking()
            .Where(t => t.AssigneeId != null && t.Status != TicketStatus.Closed && t.Status != TicketStatus.Cancelled)
            .Select(t => new { t.Number, t.City, t.Region, AssigneeId = t.AssigneeId!.Value }).ToListAsync();

        open.Count.ShouldBeGreaterThan(100);
        open.Select(t => t.City).Distinct().Count().ShouldBeGreaterThan(1);
        foreach (var ticket in open)
        {
            var technician = technicians[ticket.AssigneeId];
            if (citiesWithTechnicians.Contains(ticket.City)) technician.City.ShouldBe(ticket.City, ticket.Number);
            else technician.Region.ShouldBe(ticket.Region, ticket.Number);
            technician.Status.ShouldNotBe(TechnicianStatus.OnLeave, ticket.Number);
        }
    }

    private bool DatabaseFilesContain(string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        foreach (var suffix in new[] { "", "-wal" })
        {
            var path = app.DatabasePath + suffix;
            if (!File.Exists(path)) continue;
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            if (copy.GetBuffer().AsSpan(0, (int)copy.Length).IndexOf(needle) >= 0) return true;
        }
        return false;
    }
}
