using System.Globalization;
using System.Text.RegularExpressions;
using Scrm.App.Features.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Data;

[Collection(AppCollection.Name)]
public sealed partial class TicketNumbers(TestApp app)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public async Task NumbersCarryTheShanghaiDayAndIncreaseStrictly()
    {
        var tickets = new List<TicketDetail>();
        for (var i = 0; i < 3; i++)
            tickets.Add(await app.CreateTicketAsync(TestApp.Admin, "厦门"));

        foreach (var ticket in tickets)
        {
            var match = NumberPattern().Match(ticket.Row.Number);
            match.Success.ShouldBeTrue(ticket.Row.Number);
            var localDay = TimeZoneInfo.ConvertTime(ticket.Row.CreatedAt, Shanghai).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            match.Groups["day"].Value.ShouldBe(localDay);
        }
        // Day first, then the day's sequence: later tickets sort after earlier ones even across midnight.
        for (var i = 1; i < tickets.Count; i++)
            string.CompareOrdinal(tickets[i].Row.Number, tickets[i - 1].Row.Number).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task FourConcurrentWritersGetOneHundredDistinctNumbers()
    {
        var marker = TestApp.Marker("并发");

        var batches = await Task.WhenAll(Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            var numbers = new List<string>();
            for (var i = 0; i < 25; i++)
                numbers.Add((await app.CreateTicketAsync(TestApp.Admin, "贵阳", $"{marker} {writer}-{i}")).Row.Number);
            return numbers;
        })));

        var all = batches.SelectMany(b => b).ToList();
        all.Count.ShouldBe(100);
        all.Distinct().Count().ShouldBe(100);
        all.ShouldAllBe(n => NumberPattern().IsMatch(n));
        var stored = await app.Queries.ListAsync(TestApp.Admin, new TicketFilter { Text = marker, PageSize = 200 });
        stored.Items.Select(t => t.Number).ShouldBe(all, ignoreOrder: true);
    }

    [GeneratedRegex(@"^GD-(?<day>\d{8})-(?<seq>\d{4})$")]
    private static partial Regex NumberPattern();
}
