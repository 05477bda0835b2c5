using Scrm.Domain.Common;
using Scrm.Domain.Sla;
using static Scrm.Tests.Domain.Sla.SlaTime;

namespace Scrm.Tests.Domain.Sla;

public class SlaJsonRoundTrip
{
    [Fact]
    public void ACalendarKeepsItsHoursHolidaysAndMakeUpDays()
    {
        var json = DomainJson.Serialize(Office);

        json.ShouldContain("\"timeZoneId\":\"Asia/Shanghai\"");
        json.ShouldContain("{\"day\":\"Monday\",\"from\":\"09:00:00\",\"to\":\"12:00:00\"}");
        json.ShouldContain("\"2027-02-06\"");
        var back = DomainJson.Deserialize<BusinessCalendar>(json);
        DomainJson.Serialize(back).ShouldBe(json);
        back.AddWorkingTime(Cn("2026-10-09 17:00"), TimeSpan.FromHours(2)).ShouldBe(Cn("2026-10-10 10:00"));
    }

    [Fact]
    public void APolicyKeepsItsConditionsTargetsAndLadder()
    {
        var gold = SampleSla.Policies().Single(p => p.Key == "gold");

        var json = DomainJson.Serialize(gold);

        json.ShouldContain("\"customerTiers\":[\"Gold\",\"Platinum\"]");
        json.ShouldContain("\"action\":\"NotifySupervisor\"");
        var back = DomainJson.Deserialize<SlaPolicy>(json);
        DomainJson.Serialize(back).ShouldBe(json);
        back.Matches(new(Scrm.Domain.Tickets.TicketPriority.Low, Scrm.Domain.Customers.CustomerTier.Platinum, "华南", Scrm.Domain.Tickets.TicketType.Repair))
            .ShouldBeTrue();
    }

    [Fact]
    public void AClockKeepsItsRunsAndState()
    {
        var clock = SlaClocks.Compute(SampleSla.Policies().Single(p => p.Key == "standard"), Office, Cn("2026-11-23 09:00"), [], Cn("2026-11-23 10:00"))[0];

        var back = DomainJson.Deserialize<SlaClock>(DomainJson.Serialize(clock));

        back.ShouldBe(clock with { Runs = back.Runs });
        back.Runs.ShouldBe(clock.Runs);
        DomainJson.Serialize(clock).ShouldContain("\"state\":\"Running\"");
    }
}
