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

    [GeneratedRegex(@"^GD-(?<day>\d{8})-(?<seq>\d{4})$")]
    private static partial Regex NumberPattern();
}
