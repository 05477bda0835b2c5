using Scrm.Domain.Common;
using Scrm.Domain.Dispatch;
using Scrm.Domain.Geo;

namespace Scrm.Tests.Domain.Dispatch;

/// <summary>What dispatch needs to know of a technician: licences, hours, daily cap and the newest position.</summary>
public sealed class TechnicianDispatchFactsTests
{
    private static Technician NewTechnician() =>
        new("王伟", "13812345678", new City("上海", "上海", Regions.East, new GeoPoint(31.2304, 121.4737)), TechnicianLevel.Senior);

    [Fact]
    public void ANewTechnicianWorksADayShiftOfEightJobsAtMost()
    {
        var t = NewTechnician();

        (t.ShiftStart, t.ShiftEnd, t.DailyCap).ShouldBe((new TimeOnly(8, 0), new TimeOnly(20, 0), Technician.DefaultDailyCap));
        t.IsOnShift(new TimeOnly(9, 30)).ShouldBeTrue();
        t.IsOnShift(new TimeOnly(20, 0)).ShouldBeFalse();
    }

    [Fact]
    public void ANightShiftRunsOverMidnight()
    {
        var t = NewTechnician();
        t.SetShift(new TimeOnly(22, 0), new TimeOnly(6, 0), 5);

        t.IsOnShift(new TimeOnly(23, 0)).ShouldBeTrue();
        t.IsOnShift(new TimeOnly(2, 0)).ShouldBeTrue();
        t.IsOnShift(new TimeOnly(12, 0)).ShouldBeFalse();
    }

    [Fact]
    public void AShiftThatEndsWhenItStartsIsRoundTheClock()
    {
        var t = NewTechnician();
        t.SetShift(new TimeOnly(0, 0), new TimeOnly(0, 0), 5);

        t.IsOnShift(new TimeOnly(23, 59, 30)).ShouldBeTrue();
        t.IsOnShift(new TimeOnly(0, 0)).ShouldBeTrue();
    }

    [Theory]
    [InlineData(8, 20, -1, "Technician.DailyCapOutOfRange")]
    [InlineData(8, 20, 31, "Technician.DailyCapOutOfRange")]
    public void ImpossibleCapsAreRefused(int start, int end, int cap, string code) =>
        Should.Throw<DomainRuleException>(() => NewTechnician().SetShift(new TimeOnly(start, 0), new TimeOnly(end, 0), cap)).Code.ShouldBe(code);

    [Fact]
    public void ALicenceIsHeldOnce()
    {
        var t = NewTechnician();
        t.Certify("电工证");
        t.Certify("电工证");

        t.Certifications.ShouldBe(["电工证"]);
    }

    [Fact]
    public void OnlyANewerFixMovesTheTechnician()
    {
        var t = NewTechnician();
        var at = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8));

        t.MoveTo(new GeoPoint(31.1, 121.3), at).ShouldBeTrue();
        t.MoveTo(new GeoPoint(30.0, 120.0), at.AddMinutes(-5)).ShouldBeFalse();

        (t.Lat, t.Lng, t.PositionAt).ShouldBe((31.1, 121.3, at));
    }

    [Fact]
    public void FoldingRatingsAnnouncesTheNewAverageOnce()
    {
        var t = NewTechnician();
        var at = new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

        foreach (var stars in new[] { 5, 4, 3 }) t.AddRating(stars, at);

        var rated = t.DomainEvents.ShouldHaveSingleItem().ShouldBeOfType<TechnicianRated>();
        (rated.Rating, rated.Region, rated.OccurredAt).ShouldBe((4.0, Regions.East, at));
        t.ClearDomainEvents();
        t.DomainEvents.ShouldBeEmpty();
    }
}
