using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scrm.App.Data;
using Scrm.App.Data.Seed;

namespace Scrm.App.Features.Channels;

/// <summary>
/// The demo's WeCom members: a contact at each of the first few demo customers, linked to them, so that a "报修"
/// sent from the demo's WeCom test account opens a ticket at once. Runs at start-up, after the database is ready.
/// </summary>
public sealed class ChannelDemoSeed(IOptions<DemoOptions> demo, IDbContextFactory<ScrmDbContext> dbFactory, WritePath writes) : IHostedService
{
    /// <summary>The demo's WeCom UserIds, in the order they are given to the demo customers.</summary>
    public static readonly string[] DemoUserIds = ["ZhangWei", "LiNa", "WangFang", "ChenJie", "LiuYang"];

    public async Task StartAsync(CancellationToken ct)
    {
        if (!demo.Value.Seed) return;
        await using (var probe = await dbFactory.CreateForAsync(AccessScope.System, ct))
            if (await probe.WeComUserLinks.AnyAsync(ct)) return;
        await writes.RunAsync(AccessScope.System, async (db, token) =>
        {
            var customers = await db.Customers.AsNoTracking().Where(c => c.Sites.Any()).OrderBy(c => c.Id)
                .Take(DemoUserIds.Length).Select(c => new { c.Id, c.Name }).ToListAsync(token);
            for (var i = 0; i < customers.Count; i++)
                db.WeComUserLinks.Add(new WeComUserLink { WeComUserId = DemoUserIds[i], CustomerId = customers[i].Id, ContactName = $"{customers[i].Name} 店长" });
            return customers.Count;
        }, ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
