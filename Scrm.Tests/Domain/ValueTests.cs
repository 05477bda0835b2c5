using Scrm.Domain.Common;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;

namespace Scrm.Tests.Domain;

public class TicketNumbers
{
    private static readonly DateOnly Day = new(2026, 11, 24);

    [Theory]
    [InlineData(1, "GD-20261124-0001")]
    [InlineData(42, "GD-20261124-0042")]
    [InlineData(9999, "GD-20261124-9999")]
    [InlineData(10000, "GD-20261124-10000")]
    public void FormatsTheDayAndTheDaysSequence(int sequence, string expected) =>
        TicketNumber.Format(Day, sequence).ShouldBe(expected);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100000)]
    public void RefusesASequenceOutsideOneTo99999(int sequence) =>
        Should.Throw<ArgumentOutOfRangeException>(() => TicketNumber.Format(Day, sequence));

    [Theory]
    [InlineData("GD-20261124-0001")]
    [InlineData("GD-20261231-99999")]
    public void AcceptsWellFormedNumbers(string number) =>
        TicketNumber.IsValid(number).ShouldBeTrue();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("GD-20261124-001")]
    [InlineData("GD-20261124-000001")]
    [InlineData("GD-2026112-0001")]
    [InlineData("gd-20261124-0001")]
    [InlineData("GD20261124-0001")]
    [InlineData(" GD-20261124-0001")]
    [InlineData("GD-2026-11-24-0001")]
    public void RejectsMalformedNumbers(string? number) =>
        TicketNumber.IsValid(number).ShouldBeFalse();

    [Fact]
    public void FormattedNumbersAreValid()
    {
        TicketNumber.IsValid(TicketNumber.Format(Day, 1)).ShouldBeTrue();
        TicketNumber.IsValid(TicketNumber.Format(Day, 99999)).ShouldBeTrue();
    }

    [Fact]
    public void DayPrefixIsSharedByAllOfThatDaysNumbers()
    {
        TicketNumber.DayPrefix(Day).ShouldBe("GD-20261124-");
        TicketNumber.Format(Day, 17).ShouldStartWith(TicketNumber.DayPrefix(Day));
        TicketNumber.Format(Day.AddDays(1), 17).ShouldNotStartWith(TicketNumber.DayPrefix(Day));
    }
}

public class PhoneNumbers
{
    [Theory]
    [InlineData("13812345678")]
    [InlineData("138 1234 5678")]
    [InlineData("138-1234-5678")]
    [InlineData("+86 138 1234 5678")]
    [InlineData("+8613812345678")]
    [InlineData("+86-138-1234-5678")]
    [InlineData("  13812345678  ")]
    public void ParsesMobilesToBareDigits(string input) =>
        PhoneNumber.Parse(input).ShouldBe("13812345678");

    [Theory]
    [InlineData("021-62345678", "02162345678")]
    [InlineData("(0755) 8765 4321", "075587654321")]
    [InlineData("010-1234567", "0101234567")]
    public void ParsesLandlinesWithTheirAreaCode(string input, string expected) =>
        PhoneNumber.Parse(input).ShouldBe(expected);

    [Theory]
    [InlineData("123")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("12812345678")]
    [InlineData("1381234567")]
    [InlineData("138123456789")]
    [InlineData("62345678")]
    [InlineData("+1 415 555 0100")]
    [InlineData("138-ABCD-5678")]
    public void RejectsWhatIsNotAChinesePhoneNumber(string? input)
    {
        var refusal = Should.Throw<DomainRuleException>(() => PhoneNumber.Parse(input));

        refusal.Code.ShouldBe("Phone.Invalid");
        refusal.Args.ShouldBe(["phone"]);
        PhoneNumber.IsValid(input).ShouldBeFalse();
    }

    [Fact]
    public void NamesTheFieldItWasGiven() =>
        Should.Throw<DomainRuleException>(() => PhoneNumber.Parse("123", "contactPhone"))
            .Args.ShouldBe(["contactPhone"]);

    [Fact]
    public void ReportsValidNumbersAsValid() =>
        PhoneNumber.IsValid("021-62345678").ShouldBeTrue();

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("02162345678", "021****5678")]
    [InlineData("075587654321", "075*****4321")]
    [InlineData("12345", "12345")]
    public void MasksTheMiddleDigits(string phone, string masked) =>
        PhoneNumber.Mask(phone).ShouldBe(masked);
}

public class GeoPoints
{
    [Theory]
    [InlineData(-90, -180)]
    [InlineData(90, 180)]
    [InlineData(31.2304, 121.4737)]
    public void KeepsCoordinatesWithinRange(double lat, double lng)
    {
        var point = new GeoPoint(lat, lng);

        point.Lat.ShouldBe(lat);
        point.Lng.ShouldBe(lng);
    }

    [Theory]
    [InlineData(90.0001)]
    [InlineData(-90.5)]
    [InlineData(double.NaN)]
    public void RejectsALatitudeOutOfRange(double lat) =>
        Should.Throw<DomainRuleException>(() => new GeoPoint(lat, 121))
            .Code.ShouldBe("Geo.LatOutOfRange");

    [Theory]
    [InlineData(180.1)]
    [InlineData(-181)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void RejectsALongitudeOutOfRange(double lng) =>
        Should.Throw<DomainRuleException>(() => new GeoPoint(31, lng))
            .Code.ShouldBe("Geo.LngOutOfRange");

    [Fact]
    public void MeasuresShanghaiToHangzhouAtAbout164Km()
    {
        var shanghai = new GeoPoint(31.2304, 121.4737);
        var hangzhou = new GeoPoint(30.2741, 120.1551);

        shanghai.DistanceKmTo(hangzhou).ShouldBe(164, tolerance: 5);
        hangzhou.DistanceKmTo(shanghai).ShouldBe(shanghai.DistanceKmTo(hangzhou), tolerance: 1e-9);
    }

    [Fact]
    public void MeasuresZeroToItself()
    {
        var shanghai = new GeoPoint(31.2304, 121.4737);

        shanghai.DistanceKmTo(shanghai).ShouldBe(0, tolerance: 1e-9);
    }

    [Fact]
    public void MeasuresHalfTheEarthsCircumferenceToTheAntipode() =>
        new GeoPoint(0, 0).DistanceKmTo(new GeoPoint(0, 180)).ShouldBe(Math.PI * 6371, tolerance: 0.01);
}
