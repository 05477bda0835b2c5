using Scrm.Domain.Sla;
using static Scrm.Tests.Domain.Sla.SlaTime;

namespace Scrm.Tests.Domain.Sla;

public class BusinessCalendarArithmetic
{
    [Fact]
    public void SkipsTheLunchBreakOfASplitShift()
    {
        Office.AddWorkingTime(Cn("2026-11-23 11:00"), TimeSpan.FromHours(2)).ShouldBe(Cn("2026-11-23 14:00"));
        Office.WorkingTimeBetween(Cn("2026-11-23 11:00"), Cn("2026-11-23 14:00")).ShouldBe(TimeSpan.FromHours(2));
        Office.IsOpen(Cn("2026-11-23 12:30")).ShouldBeFalse();
        Office.IsOpen(Cn("2026-11-23 13:00")).ShouldBeTrue();
    }

    [Fact]
    public void IsExactToTheSecond() =>
        Office.AddWorkingTime(Cn("2026-11-23 11:59:30"), TimeSpan.FromSeconds(45)).ShouldBe(Cn("2026-11-23 13:00:15"));

    [Fact]
    public void StartsCountingAtTheNextOpeningWhenStartedOutsideHours()
    {
        Office.AddWorkingTime(Cn("2026-11-23 07:30"), TimeSpan.FromMinutes(30)).ShouldBe(Cn("2026-11-23 09:30"));
        Office.AddWorkingTime(Cn("2026-11-27 17:30"), TimeSpan.FromHours(1)).ShouldBe(Cn("2026-11-30 09:30"));
        Office.WorkingTimeBetween(Cn("2026-11-27 20:00"), Cn("2026-11-30 08:59")).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void EndsAtTheCloseRatherThanTheNextMorning() =>
        Office.AddWorkingTime(Cn("2026-11-23 09:00"), TimeSpan.FromHours(8)).ShouldBe(Cn("2026-11-23 18:00"));

    [Fact]
    public void SkipsPublicHolidays()
    {
        Office.AddWorkingTime(Cn("2026-09-30 17:00"), TimeSpan.FromHours(2)).ShouldBe(Cn("2026-10-08 10:00"));
        Office.IsOpen(Cn("2026-10-05 10:00")).ShouldBeFalse();
    }

    [Fact]
    public void WorksAMakeUpWeekendWithMondaysHours()
    {
        Office.AddWorkingTime(Cn("2026-10-09 17:00"), TimeSpan.FromHours(2)).ShouldBe(Cn("2026-10-10 10:00"));
        Office.IsOpen(Cn("2026-10-10 12:30")).ShouldBeFalse();
        Office.IsOpen(Cn("2026-10-17 10:00")).ShouldBeFalse();
    }

    [Fact]
    public void WalksSeventyTwoHoursAcrossTheNationalDayHolidayAndItsMakeUpSaturday() =>
        Office.AddWorkingTime(Cn("2026-09-28 09:00"), TimeSpan.FromHours(72)).ShouldBe(Cn("2026-10-14 18:00"));

    [Fact]
    public void RunsAnOvernightPeriodIntoTheNextDay()
    {
        var night = NightShift();

        night.AddWorkingTime(Cn("2026-11-23 21:00"), TimeSpan.FromHours(3)).ShouldBe(Cn("2026-11-24 01:00"));
        night.IsOpen(Cn("2026-11-24 03:00")).ShouldBeTrue();
        night.WorkingTimeBetween(Cn("2026-11-23 12:00"), Cn("2026-11-24 12:00")).ShouldBe(TimeSpan.FromHours(8));
        // Friday's shift ends Saturday 06:00; the next begins Monday 22:00.
        night.AddWorkingTime(Cn("2026-11-28 05:00"), TimeSpan.FromHours(2)).ShouldBe(Cn("2026-11-30 23:00"));
    }

    [Fact]
    public void CountsInTheCalendarsOwnTimeZone()
    {
        var urumqi = Office with { TimeZoneId = "Asia/Urumqi", Holidays = [], WorkingWeekends = [] };

        urumqi.IsOpen(Cn("2026-11-23 09:00")).ShouldBeFalse();
        Office.IsOpen(Cn("2026-11-23 09:00")).ShouldBeTrue();
        urumqi.AddWorkingTime(Cn("2026-11-23 09:00"), TimeSpan.FromHours(1)).ShouldBe(At("2026-11-23 10:00", "+06:00"));
    }

    [Fact]
    public void CountsRealHoursAcrossDaylightSavingChanges()
    {
        var berlin = NightShift("Europe/Berlin") with { Week = [.. Enum.GetValues<DayOfWeek>().Select(d => new WorkingPeriod(d, new(22, 0), new(6, 0)))] };

        // Clocks go forward on 29 March 2026: that night has seven hours, the night of 25 October nine.
        berlin.WorkingTimeBetween(At("2026-03-28 21:00", "+01:00"), At("2026-03-29 07:00", "+02:00")).ShouldBe(TimeSpan.FromHours(7));
        berlin.WorkingTimeBetween(At("2026-10-24 21:00", "+02:00"), At("2026-10-25 07:00", "+01:00")).ShouldBe(TimeSpan.FromHours(9));
        berlin.AddWorkingTime(At("2026-03-28 22:00", "+01:00"), TimeSpan.FromHours(7)).ShouldBe(At("2026-03-29 06:00", "+02:00"));
    }

    [Fact]
    public void KeepsOfficeHoursInLocalTimeAcrossADaylightSavingChange()
    {
        var berlin = Office with { TimeZoneId = "Europe/Berlin", Holidays = [], WorkingWeekends = [] };

        berlin.AddWorkingTime(At("2026-03-27 17:00", "+01:00"), TimeSpan.FromHours(2)).ShouldBe(At("2026-03-30 10:00", "+02:00"));
    }

    [Fact]
    public void StartsAPeriodThatBeginsInTheSkippedHourWhenTheClocksJump()
    {
        var berlin = new BusinessCalendar
        {
            Key = "dst", TimeZoneId = "Europe/Berlin", Week = [new WorkingPeriod(DayOfWeek.Sunday, new(2, 30), new(4, 0))],
        };

        berlin.WorkingTimeBetween(At("2026-03-28 12:00", "+01:00"), At("2026-03-29 12:00", "+02:00")).ShouldBe(TimeSpan.FromHours(1));
        berlin.IsOpen(At("2026-03-29 03:00", "+02:00")).ShouldBeTrue();
    }

    [Fact]
    public void StartsAPeriodThatBeginsInTheRepeatedHourAtItsFirstOccurrence()
    {
        var berlin = new BusinessCalendar
        {
            Key = "dst", TimeZoneId = "Europe/Berlin", Week = [new WorkingPeriod(DayOfWeek.Sunday, new(2, 30), new(4, 0))],
        };

        // On 25 October 2026 02:30 comes twice; from the first (summer time) to 04:00 winter time is two and a half hours.
        berlin.WorkingTimeBetween(At("2026-10-24 12:00", "+02:00"), At("2026-10-25 12:00", "+01:00")).ShouldBe(TimeSpan.FromMinutes(150));
    }

    [Fact]
    public void AlwaysOpenCountsEveryHourHolidaysIncluded()
    {
        var start = Cn("2026-10-01 03:00");

        RoundTheClock.AddWorkingTime(start, TimeSpan.FromHours(72)).ShouldBe(start.AddHours(72));
        RoundTheClock.WorkingTimeBetween(start, start.AddDays(2)).ShouldBe(TimeSpan.FromDays(2));
        RoundTheClock.IsOpen(start).ShouldBeTrue();
    }

    [Fact]
    public void AnEditedCopyCountsWithItsOwnHolidaysAndZoneAfterTheOriginalWasWalked()
    {
        var office = Office;
        var friday = Cn("2026-11-27 17:00");
        office.AddWorkingTime(friday, TimeSpan.FromHours(2)).ShouldBe(Cn("2026-11-30 10:00"));

        var mondayOff = office with { Holidays = [.. office.Holidays, new DateOnly(2026, 11, 30)] };
        var berlin = office with { TimeZoneId = "Europe/Berlin" };

        // Each calendar object remembers its own days: the copies must not count with the original's.
        mondayOff.AddWorkingTime(friday, TimeSpan.FromHours(2)).ShouldBe(Cn("2026-12-01 10:00"));
        mondayOff.IsOpen(Cn("2026-11-30 10:00")).ShouldBeFalse();
        // 17:00 in Shanghai is 10:00 in Berlin: two hours later it is noon there.
        berlin.AddWorkingTime(friday, TimeSpan.FromHours(2)).ShouldBe(At("2026-11-27 12:00", "+01:00"));
        office.AddWorkingTime(friday, TimeSpan.FromHours(2)).ShouldBe(Cn("2026-11-30 10:00"));
        office.IsOpen(Cn("2026-11-30 10:00")).ShouldBeTrue();
    }

    [Fact]
    public void CountsNothingBackwards() =>
        Office.WorkingTimeBetween(Cn("2026-11-23 11:00"), Cn("2026-11-23 10:00")).ShouldBe(TimeSpan.Zero);

    [Fact]
    public void PicksTheRegionsVariantElseTheHeadOfficeDefault()
    {
        var calendars = SampleSla.Calendars();

        BusinessCalendars.Find(calendars, SampleSla.Workdays, "华南")!.Name.ShouldBe("华南工作日");
        BusinessCalendars.Find(calendars, SampleSla.Workdays, "西南")!.Region.ShouldBeNull();
        BusinessCalendars.Find(calendars, "none", "华南").ShouldBeNull();
    }
}

public class BusinessCalendarValidation
{
    private static IEnumerable<string> Codes(BusinessCalendar calendar) => calendar.Validate().Select(p => p.Code);

    [Fact]
    public void TheSampleCalendarsHaveNoProblems() =>
        SampleSla.Calendars().SelectMany(c => c.Validate()).ShouldBeEmpty();

    [Fact]
    public void RefusesAnUnknownTimeZone() =>
        Codes(Office with { TimeZoneId = "Asia/Atlantis" }).ShouldBe([SlaProblemCodes.UnknownTimeZone]);

    [Fact]
    public void RefusesAPeriodThatEndsWhenItStarts() =>
        Codes(Office with { Week = [new WorkingPeriod(DayOfWeek.Monday, new(9, 0), new(9, 0))] }).ShouldBe([SlaProblemCodes.EmptyPeriod]);

    [Fact]
    public void RefusesOverlappingPeriods()
    {
        Codes(Office with { Week = [new(DayOfWeek.Monday, new(9, 0), new(12, 0)), new(DayOfWeek.Monday, new(11, 0), new(13, 0))] })
            .ShouldBe([SlaProblemCodes.OverlappingPeriods]);
        // Sunday's night shift runs into Monday morning.
        Codes(Office with { Week = [new(DayOfWeek.Sunday, new(22, 0), new(6, 0)), new(DayOfWeek.Monday, new(5, 0), new(9, 0))] })
            .ShouldBe([SlaProblemCodes.OverlappingPeriods]);
        Codes(Office with { Week = [new(DayOfWeek.Monday, new(9, 0), new(12, 0)), new(DayOfWeek.Monday, new(12, 0), new(13, 0))] })
            .ShouldBeEmpty();
    }

    [Fact]
    public void RefusesACalendarWithoutHours() => Codes(Office with { Week = [] }).ShouldBe([SlaProblemCodes.NoWorkingHours]);

    [Fact]
    public void RefusesAMakeUpDayThatIsNotAWeekend() =>
        Codes(Office with { WorkingWeekends = [new(2026, 11, 23)] }).ShouldBe([SlaProblemCodes.BadWorkingWeekend]);
}
