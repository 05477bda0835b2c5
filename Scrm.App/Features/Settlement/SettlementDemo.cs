using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.Domain.Geo;
using Scrm.Domain.Settlement;

namespace Scrm.App.Features.Settlement;

/// <summary>
/// The settlement configuration a fresh install starts with, so the page means something on first start: the tiered
/// plans, two franchise partners in 西南 and the 60/40 pipeline split. Bills come from the pricing module's events.
/// </summary>
public sealed class SettlementDemo(IDbContextFactory<ScrmDbContext> dbFactory, WritePath writes) : IHostedService
{
    public static readonly IReadOnlyList<CommissionPlan> Plans =
    [
        new("standard", "标准阶梯提成", null, CommissionBasis.TicketCount, TierMode.Whole,
            [new(0, 30, 8m), new(31, 60, 10m), new(61, null, 12m)]),
        new("south-revenue", "华南营收累进提成", Regions.South, CommissionBasis.Revenue, TierMode.Progressive,
            [new(0, 2_000_000, 6m), new(2_000_001, 5_000_000, 9m), new(5_000_001, null, 11m)]),
    ];

    public static readonly IReadOnlyList<Partner> Partners =
    [
        new("chengdu-rongcheng", "成都蓉城机电设备服务有限公司", Regions.Southwest, ["成都"], 70m, 2_000),
        new("chongqing-shancheng", "重庆山城制冷工程服务有限公司", Regions.Southwest, ["重庆"], 65m, 0),
    ];

    public async Task StartAsync(CancellationToken ct)
    {
        await using (var db = await dbFactory.CreateForAsync(AccessScope.System, ct))
        {
            if (await db.CommissionPlans.AnyAsync(ct) || await db.SettlementPartners.AnyAsync(ct) || await db.SettlementSettings.AnyAsync(ct)) return;
        }
        await writes.RunAsync(AccessScope.System, (db, _) =>
        {
            foreach (var plan in Plans)
            {
                var row = new CommissionPlanRow();
                row.From(plan);
                db.CommissionPlans.Add(row);
            }
            foreach (var partner in Partners)
            {
                var row = new PartnerRow();
                row.From(partner);
                db.SettlementPartners.Add(row);
            }
            db.SettlementSettings.Add(new SettlementSettingsRow());
            return Task.FromResult(true);
        }, ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
