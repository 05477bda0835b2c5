using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Scrm.App.Data;
using Scrm.E2E.Infrastructure;
using Scrm.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Scrm.E2E;

/// <summary>
/// The control room and the technician's phone together: the dispatcher picks a ticket, reads why each technician
/// ranks where they do, drags the ticket onto one; the technician's phone shows the job, the technician accepts, and
/// the dispatcher's board moves the card within a second.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DispatchTests(BrowserFixture app)
{
    private const string Technician = "tech.east1@demo.scrm";

    [Fact]
    public async Task ADispatcherDragsATicketToATechnicianWhoAcceptsItOnTheirPhone()
    {
        var technicianId = await OnCallAsync(Technician);
        var ticket = await app.Server.NewTicketAsync("宁波", $"E2E 调度台 咖啡机不出水 {Guid.NewGuid():N}"[..26]);
        var room = await app.SignedInPageAsync("dispatcher.east@demo.scrm", "/dispatch", wide: true);
        var queued = room.Locator($"[data-testid=queue-ticket][data-number='{ticket.Row.Number}']");

        await queued.ClickAsync();
        var candidates = room.Locator("[data-testid=candidates]");
        await Expect(candidates).ToContainTextAsync(ticket.Row.Number);
        await Expect(candidates.Locator("[data-testid=candidate]").First.Locator("[data-testid=breakdown] tr")).ToHaveCountAsync(8);
        await Expect(candidates).ToContainTextAsync("需要：咖啡机");
        await room.ScreenshotAsync(new() { Path = "/tmp/dispatch-control-room.png" });

        var target = candidates.Locator($"[data-technician-id='{technicianId}']").First;
        var isTop = await target.GetAttributeAsync("data-rank") == "1";
        await queued.DragToAsync(target);
        if (!isTop)
        {
            await room.Locator("[data-testid=comment-text] textarea").First.FillAsync("E2E 指定该技师");
            await room.Locator("[data-testid=comment-ok]").ClickAsync();
        }
        await Expect(queued).ToHaveCountAsync(0);

        var board = await app.SignedInPageAsync("dispatcher.east@demo.scrm", "/board", wide: true);
        var boardPage = new BoardPage(board);
        await Expect(boardPage.Column("Assigned").Locator($"article[data-number='{ticket.Row.Number}']")).ToBeVisibleAsync();

        var phone = await app.SignedInPhoneAsync(Technician, "/my");
        var job = phone.Locator($"[data-testid=job-card][data-number='{ticket.Row.Number}']");
        await Expect(job).ToContainTextAsync("E2E 调度台");
        await phone.ScreenshotAsync(new() { Path = "/tmp/technician-my-jobs.png" });
        await job.Locator("[data-testid=step-Accept]").ClickAsync();
        await Expect(job).ToHaveAttributeAsync("data-status", "Accepted");

        await Expect(boardPage.Column("Accepted").Locator($"article[data-number='{ticket.Row.Number}']"))
            .ToBeVisibleAsync(new() { Timeout = 1_000 });
    }

    /// <summary>The technician of <paramref name="email"/>, put on call with room for more, whatever the hour of the test.</summary>
    private async Task<long> OnCallAsync(string email)
    {
        var id = await app.Server.TechnicianIdOfAsync(email);
        await using var db = await app.Server.Services.GetRequiredService<IDbContextFactory<ScrmDbContext>>().CreateForAsync(AccessScope.System);
        var technician = await db.Technicians.SingleAsync(t => t.Id == id);
        technician.SetShift(new TimeOnly(0, 0), new TimeOnly(0, 0), Scrm.Domain.Dispatch.Technician.MaxDailyCap);
        if (technician.Status is Scrm.Domain.Dispatch.TechnicianStatus.OnLeave) technician.SetStatus(Scrm.Domain.Dispatch.TechnicianStatus.Available);
        await db.SaveChangesAsync();
        // Written past the app's paths: the in-memory dispatch roster learns of it as on its periodic reload.
        await app.Server.Services.GetRequiredService<Scrm.App.Features.Dispatch.Roster.TechnicianRoster>().ReloadAsync(technician.Region);
        return id;
    }
}
