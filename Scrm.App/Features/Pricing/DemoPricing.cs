using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Catalog;
using Scrm.Domain.Common;
using Scrm.Domain.Customers;
using Scrm.Domain.Geo;
using Scrm.Domain.Pricing;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Pricing;

/// <summary>
/// The demo's catalogue (commercial kitchen, HVAC, water purifiers, medical devices), stock in the four regional
/// warehouses and some vans, the price book, and lines on tickets: every closed ticket's lines are priced and its
/// bill made final by <see cref="BillFinaliser"/> when the dispatcher delivers the seed's Closed events, so
/// settlement and the dashboards see revenue on first start. History's parts are marked as taken long ago.
/// </summary>
public static class DemoPricing
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    public static readonly (string Code, string Name, string Category, int Minutes, long PriceFen)[] ServiceItems =
    [
        ("SVC-AC-CLEAN", "中央空调清洗保养", "空调清洗", 90, 28000),
        ("SVC-FCU-CLEAN", "风机盘管清洗", "空调清洗", 45, 15000),
        ("SVC-AC-REPAIR", "中央空调故障检修", "空调维修", 120, 38000),
        ("SVC-COFFEE-CARE", "商用咖啡机除垢保养", "咖啡机", 60, 22000),
        ("SVC-COFFEE-REPAIR", "商用咖啡机维修", "咖啡机", 90, 30000),
        ("SVC-ICE-CLEAN", "制冰机清洗消毒", "制冰机", 60, 20000),
        ("SVC-ICE-REPAIR", "制冰机故障维修", "制冰机", 90, 32000),
        ("SVC-DISH-REPAIR", "商用洗碗机维修", "洗碗机", 90, 30000),
        ("SVC-RO-SERVICE", "净水器滤芯/RO 膜更换", "净水器", 30, 8000),
        ("SVC-MONITOR-CAL", "监护仪校准检测", "医疗设备", 60, 45000),
        ("SVC-PUMP-CAL", "输液泵校准检测", "医疗设备", 45, 38000),
        ("SVC-INSPECT", "设备例行巡检", "巡检", 60, 18000),
    ];

    public static readonly (string Sku, string Name, string Category, string Fits, long CostFen, long ListFen)[] Parts =
    [
        ("PT-RO-400G", "RO 反渗透膜 400G", "净水器", "沁园 QR-RU-05 / 美的 MRO1586", 18000, 32000),
        ("PT-PP-10", "PP 棉滤芯 10 寸", "净水器", "通用 10 寸滤瓶", 1500, 3500),
        ("PT-CARBON-10", "活性炭滤芯 10 寸", "净水器", "通用 10 寸滤瓶", 2500, 5500),
        ("PT-COFFEE-BURR", "咖啡机磨豆刀盘", "咖啡机", "La Marzocco Linea / 弗兰卡 A600", 42000, 78000),
        ("PT-COFFEE-GASKET", "冲煮头密封圈", "咖啡机", "La Marzocco / 飞马 E61", 800, 2500),
        ("PT-ICE-PUMP", "制冰机循环水泵", "制冰机", "星崎 IM-130 / 斯科茨曼 MC", 26000, 48000),
        ("PT-DISH-HEATER", "洗碗机加热管", "洗碗机", "温特豪德 UC / 霍巴特 AM", 35000, 65000),
        ("PT-AC-CAP", "压缩机启动电容", "中央空调", "大金 / 格力 多联机", 3000, 8000),
        ("PT-FCU-MOTOR", "风机盘管电机", "风机盘管", "约克 / 麦克维尔 FP 系列", 38000, 72000),
        ("PT-AC-FILTER", "空调过滤网", "中央空调", "通用", 2000, 6000),
        ("PT-SPO2", "血氧探头", "医疗设备", "迈瑞 iMEC / PM 系列监护仪", 45000, 98000),
        ("PT-PUMP-DOOR", "输液泵门组件", "医疗设备", "迈瑞 BeneFusion", 30000, 62000),
    ];

    private static readonly (string Region, string City, string Warehouse, decimal Factor)[] RegionSetup =
    [
        (Regions.East, "上海", "华东中心仓（上海）", 1.10m),
        (Regions.South, "广州", "华南中心仓（广州）", 1.00m),
        (Regions.North, "北京", "华北中心仓（北京）", 1.05m),
        (Regions.Southwest, "成都", "西南中心仓（成都）", 0.90m),
    ];

    /// <summary>Catalogue, stock and price book, then lines on the seeded tickets. Call after the tickets are saved.</summary>
    public static async Task SeedAsync(IDbContextFactory<ScrmDbContext> dbFactory, PriceBookStore books, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        if (await db.Parts.AnyAsync(ct)) return;
        db.SuppressAudit = true;
        var items = ServiceItems.Select(s => new ServiceItem { Code = s.Code, Name = s.Name, Category = s.Category, StandardMinutes = s.Minutes, LabourPriceFen = s.PriceFen }).ToList();
        var parts = Parts.Select(p => new Part { Sku = p.Sku, Name = p.Name, Category = p.Category, Compatibility = p.Fits, CostFen = p.CostFen, ListPriceFen = p.ListFen }).ToList();
        db.ServiceItems.AddRange(items);
        db.Parts.AddRange(parts);
        var warehouses = RegionSetup.Select(r => new Warehouse { Name = r.Warehouse, Region = r.Region, Kind = WarehouseKind.Region }).ToList();
        var technicians = await db.Technicians.AsNoTracking().OrderBy(t => t.Id).Select(t => new { t.Id, t.Name, t.Region }).ToListAsync(ct);
        var vans = technicians.GroupBy(t => t.Region).SelectMany(g => g.Take(3))
            .Select(t => new Warehouse { Name = $"{t.Name}的工具车", Region = t.Region, Kind = WarehouseKind.Van, TechnicianId = t.Id }).ToList();
        db.Warehouses.AddRange(warehouses);
        db.Warehouses.AddRange(vans);
        await db.SaveChangesAsync(ct);

        var rng = new Random(1010);
        foreach (var w in warehouses)
            foreach (var p in parts)
                db.StockLevels.Add(new StockLevel { WarehouseId = w.Id, PartId = p.Id, Quantity = rng.Next(6, 60), ReorderPoint = 10 });
        string[] vanParts = ["PT-RO-400G", "PT-PP-10", "PT-COFFEE-GASKET", "PT-AC-CAP", "PT-AC-FILTER"];
        foreach (var w in vans)
            foreach (var p in parts.Where(p => vanParts.Contains(p.Sku)))
                db.StockLevels.Add(new StockLevel { WarehouseId = w.Id, PartId = p.Id, Quantity = rng.Next(1, 6), ReorderPoint = 2 });
        db.PriceRules.AddRange(Rules().Select(rule => Row(rule, now)));
        await db.SaveChangesAsync(ct);
        await SeedReplenishmentAsync(db, warehouses, parts, now, ct);

        await SeedLinesAsync(db, items, parts, now, ct);
        await FinaliseHistoryAsync(dbFactory, books, ct);
    }

    /// <summary>
    /// Each region's warehouse runs low on its two scarcest parts: one task still to order, one ordered and awaiting
    /// delivery, so that the 仓管 have work on /catalog on first start.
    /// </summary>
    private static async Task SeedReplenishmentAsync(ScrmDbContext db, List<Warehouse> warehouses, List<Part> parts, DateTimeOffset now, CancellationToken ct)
    {
        var ids = warehouses.Select(w => w.Id).ToList();
        var levels = await db.StockLevels.Where(s => ids.Contains(s.WarehouseId)).ToListAsync(ct);
        foreach (var w in warehouses)
        {
            var scarcest = levels.Where(l => l.WarehouseId == w.Id).OrderBy(l => l.Quantity).ThenBy(l => l.PartId).Take(2).ToList();
            for (var i = 0; i < scarcest.Count; i++)
            {
                var level = scarcest[i];
                level.Quantity = Math.Min(level.Quantity, 3 + 2 * i);
                var ordered = i == 1;
                db.ReplenishmentTasks.Add(new ReplenishmentTask
                {
                    WarehouseId = w.Id, PartId = level.PartId, Sku = parts.First(p => p.Id == level.PartId).Sku, Region = w.Region,
                    QuantityAtOpening = level.Quantity, ReorderPoint = level.ReorderPoint, OpenedAt = now.AddDays(-2 - i),
                    Status = ordered ? ReplenishmentStatus.Ordered : ReplenishmentStatus.Open,
                    OrderedQuantity = ordered ? 2 * level.ReorderPoint : null, OrderedAt = ordered ? now.AddDays(-1) : null,
                    OrderedBy = ordered ? $"{w.Region}仓管" : null,
                });
            }
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The closed tickets' bills, priced and made final here in a few batches (raising BillFinalised each) rather
    /// than by the handler one write transaction at a time behind the first start's event backlog.
    /// </summary>
    private static async Task FinaliseHistoryAsync(IDbContextFactory<ScrmDbContext> dbFactory, PriceBookStore books, CancellationToken ct)
    {
        books.Invalidate();
        List<(long Id, DateTimeOffset? ClosedAt)> closed;
        await using (var db = await dbFactory.CreateForAsync(AccessScope.System, ct))
            closed = (await db.Tickets.Where(t => t.ClosedAt != null && (t.Status == TicketStatus.Closed || t.Status == TicketStatus.Reopened))
                .Select(t => new { t.Id, t.ClosedAt }).ToListAsync(ct)).Select(t => (t.Id, t.ClosedAt)).ToList();
        foreach (var batch in closed.Chunk(200))
        {
            await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
            db.SuppressAudit = true;
            foreach (var (id, closedAt) in batch) await BillFinaliser.FinaliseAsync(db, books, id, closedAt!.Value, ct);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The demo price book: regional lists for both customer types, tiers, urgency rates, promotions, member discounts, coefficients, warranty, threshold.</summary>
    public static IEnumerable<object> Rules()
    {
        foreach (var (region, _, _, factor) in RegionSetup)
            foreach (var item in ServiceItems)
            {
                var price = PriceEngine.Round(item.PriceFen * factor);
                yield return new PriceListEntry($"PL-{Short(region)}-{item.Code[4..]}", item.Code, price, Region: region, CustomerType: CustomerType.Individual);
                // Chains and franchises sign framework agreements: 8 % below the individual list.
                yield return new PriceListEntry($"PL-{Short(region)}-{item.Code[4..]}-C", item.Code, PriceEngine.Round(price * 0.92m), Region: region,
                    CustomerType: CustomerType.Chain);
            }
        yield return new TierRule("TIER-RO", "RO 膜批量更换", TierBasis.Quantity, [new(0, 5, 0), new(5, 20, 5), new(20, null, 10)], ItemCode: "PT-RO-400G");
        yield return new TierRule("TIER-FILTER", "滤芯批量", TierBasis.Quantity, [new(0, 10, 0), new(10, null, 8)], Category: "净水器");
        yield return new TierRule("TIER-CLEAN", "清洗满 ¥2,000 享 95 折", TierBasis.Amount, [new(0, 2000, 0), new(2000, null, 5)], Category: "空调清洗");
        yield return new UrgencyRate("RATE-NORMAL", Urgency.Normal, 8000);
        yield return new UrgencyRate("RATE-EXPRESS", Urgency.Express, 12000);
        yield return new UrgencyRate("RATE-EMERGENCY", Urgency.Emergency, 18000);
        yield return new UrgencyRate("RATE-EMERGENCY-EAST", Urgency.Emergency, 20000, Region: Regions.East);
        yield return new Promotion("PROMO-2027-03-AC", "3 月空调清洗 7 折", "空调清洗", 30m,
            new ValidityWindow(new DateTimeOffset(2027, 3, 1, 0, 0, 0, Shanghai), new DateTimeOffset(2027, 4, 1, 0, 0, 0, Shanghai)));
        yield return new Promotion("PROMO-2026-10-RO", "国庆净水滤芯 9 折", "净水器", 10m,
            new ValidityWindow(new DateTimeOffset(2026, 10, 1, 0, 0, 0, Shanghai), new DateTimeOffset(2026, 10, 8, 0, 0, 0, Shanghai)));
        yield return new MemberDiscount("MEMBER-SILVER", CustomerTier.Silver, 3m);
        yield return new MemberDiscount("MEMBER-GOLD", CustomerTier.Gold, 5m);
        yield return new MemberDiscount("MEMBER-PLATINUM", CustomerTier.Platinum, 8m);
        yield return new RegionalCoefficient("COEF-SH", Regions.East, 1.05m, City: "上海");
        yield return new RegionalCoefficient("COEF-CQ", Regions.Southwest, 0.95m, City: "重庆");
        yield return new WarrantyPolicy("WARRANTY", PartsFree: true, LabourFree: false);
        yield return new Threshold("THRESHOLD-GOLD", 300000, "GoldServiceChannel", "总额超过 ¥3,000：转金牌服务通道");
    }

    public static PriceRuleRow Row(object rule, DateTimeOffset now)
    {
        var (code, kind, region) = PriceBookStore.Describe(rule);
        return new PriceRuleRow
        {
            Code = code, Kind = kind, Region = region, UpdatedAt = now, UpdatedBy = "系统", Version = 1,
            Json = System.Text.Json.JsonSerializer.Serialize(rule, rule.GetType(), DomainJson.Options),
        };
    }

    private static string Short(string region) => region switch
    {
        Regions.East => "E", Regions.South => "S", Regions.North => "N", _ => "W",
    };

    /// <summary>Lines that fit the customer's trade on every closed ticket and on tickets being worked on now.</summary>
    private static async Task SeedLinesAsync(ScrmDbContext db, List<ServiceItem> items, List<Part> parts, DateTimeOffset now, CancellationToken ct)
    {
        var tickets = await (from t in db.Tickets
                             join c in db.Customers on t.CustomerId equals c.Id
                             where t.Status == TicketStatus.Closed || t.Status == TicketStatus.Reopened || t.Status == TicketStatus.InProgress
                                   || t.Status == TicketStatus.OnSite || t.Status == TicketStatus.Resolved
                             select new { t.Id, t.Region, t.Type, t.Priority, t.Status, c.Industry }).AsNoTracking().ToListAsync(ct);
        var rng = new Random(1011);
        var itemByCode = items.ToDictionary(i => i.Code);
        var partBySku = parts.ToDictionary(p => p.Sku);
        var quotes = new List<TicketQuote>();
        foreach (var t in tickets)
        {
            var (service, partSkus) = Family(t.Industry, rng);
            var quote = new TicketQuote
            {
                TicketId = t.Id, Region = t.Region, Urgency = PricingContexts.UrgencyOf(t.Priority),
                // History: the parts left the warehouses when those jobs were done, before this system counted them.
                StockSettled = t.Status is TicketStatus.Closed or TicketStatus.Reopened,
            };
            void Add(LineKind kind, string code, decimal quantity)
            {
                var line = new QuoteLineRow { TicketId = t.Id, Kind = kind, Code = code, Quantity = quantity, AddedBy = "种子数据", AddedAt = now };
                if (kind == LineKind.Part)
                {
                    var p = partBySku[code];
                    (line.Category, line.Description, line.ListPriceFen, line.UnitCostFen, line.PartId) = (p.Category, p.Name, p.ListPriceFen, p.CostFen, p.Id);
                }
                else if (kind == LineKind.ServiceItem)
                {
                    var i = itemByCode[code];
                    (line.Category, line.Description, line.ListPriceFen) = (i.Category, i.Name, i.LabourPriceFen);
                    line.UnitCostFen = PriceEngine.Round(i.StandardMinutes / 60m * QuoteService.TechnicianHourlyCostFen);
                }
                else (line.Category, line.Description, line.UnitCostFen) = ("工时", "人工工时", QuoteService.TechnicianHourlyCostFen);
                quote.Lines.Add(line);
            }
            switch (t.Type)
            {
                case TicketType.Maintenance:
                    Add(LineKind.ServiceItem, service.Care, rng.Next(1, 4));
                    if (rng.Next(3) == 0) Add(LineKind.Part, partSkus[rng.Next(partSkus.Length)], 1);
                    break;
                case TicketType.Inspection:
                    Add(LineKind.ServiceItem, "SVC-INSPECT", 1);
                    break;
                case TicketType.Installation:
                    Add(LineKind.Labour, PriceBook.LabourCode, rng.Next(2, 7) / 2m + 1);
                    break;
                case TicketType.Consultation or TicketType.Complaint or TicketType.Return:
                    Add(LineKind.Labour, PriceBook.LabourCode, 1);
                    break;
                default:
                    Add(LineKind.ServiceItem, service.Repair, 1);
                    Add(LineKind.Part, partSkus[rng.Next(partSkus.Length)], rng.Next(1, 3));
                    if (rng.Next(3) == 0) Add(LineKind.Labour, PriceBook.LabourCode, rng.Next(1, 4));
                    break;
            }
            quotes.Add(quote);
        }
        foreach (var batch in quotes.Chunk(500))
        {
            db.ChangeTracker.Clear();
            db.TicketQuotes.AddRange(batch);
            await db.SaveChangesAsync(ct);
        }
    }

    private static ((string Care, string Repair) Service, string[] Parts) Family(string industry, Random rng) => industry switch
    {
        "医疗" => rng.Next(2) == 0 ? (("SVC-MONITOR-CAL", "SVC-MONITOR-CAL"), ["PT-SPO2"]) : (("SVC-PUMP-CAL", "SVC-PUMP-CAL"), ["PT-PUMP-DOOR"]),
        "茶饮" => rng.Next(3) == 0 ? (("SVC-ICE-CLEAN", "SVC-ICE-REPAIR"), ["PT-ICE-PUMP"]) : (("SVC-COFFEE-CARE", "SVC-COFFEE-REPAIR"), ["PT-COFFEE-GASKET", "PT-COFFEE-BURR"]),
        "餐饮" => rng.Next(2) == 0 ? (("SVC-ICE-CLEAN", "SVC-DISH-REPAIR"), ["PT-DISH-HEATER"]) : (("SVC-ICE-CLEAN", "SVC-ICE-REPAIR"), ["PT-ICE-PUMP"]),
        "教育" or "零售" => rng.Next(2) == 0 ? (("SVC-RO-SERVICE", "SVC-RO-SERVICE"), ["PT-RO-400G", "PT-PP-10", "PT-CARBON-10"]) : (("SVC-AC-CLEAN", "SVC-AC-REPAIR"), ["PT-AC-CAP", "PT-AC-FILTER"]),
        _ => rng.Next(2) == 0 ? (("SVC-FCU-CLEAN", "SVC-AC-REPAIR"), ["PT-FCU-MOTOR", "PT-AC-FILTER"]) : (("SVC-AC-CLEAN", "SVC-AC-REPAIR"), ["PT-AC-CAP", "PT-AC-FILTER"]),
    };
}
