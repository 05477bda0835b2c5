using Scrm.Domain.Tickets;
using Scrm.Domain.Tracking;

namespace Scrm.Tests.Tracking;

public sealed class TrackingTokenShape
{
    [Fact]
    public void IsTwentyTwoBase64UrlCharactersCarrying128Bits()
    {
        var token = TrackingToken.New();

        token.Length.ShouldBe(TrackingToken.Length);
        token.ShouldMatch("^[A-Za-z0-9_-]{22}$");
        var padded = token.Replace('-', '+').Replace('_', '/') + "==";
        Convert.FromBase64String(padded).Length.ShouldBe(16);
        TrackingToken.IsWellFormed(token).ShouldBeTrue();
    }

    [Fact]
    public void NeverRepeatsAndUsesEveryBitPosition()
    {
        var tokens = Enumerable.Range(0, 2000).Select(_ => TrackingToken.New()).ToList();

        tokens.Distinct().Count().ShouldBe(tokens.Count);
        // Each of the 128 bits is set in some tokens and clear in others: no constant bits, as a counter or a clock would leave.
        var bits = tokens.Select(t => Convert.FromBase64String(t.Replace('-', '+').Replace('_', '/') + "==")).ToList();
        for (var bit = 0; bit < 128; bit++)
        {
            var set = bits.Count(b => (b[bit / 8] & (1 << (bit % 8))) != 0);
            set.ShouldBeInRange(800, 1200, $"bit {bit}");
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA+")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("../../../../etc/passwd!")]
    public void RefusesAnythingThatCannotBeAToken(string? token) => TrackingToken.IsWellFormed(token).ShouldBeFalse();

    [Fact]
    public void HashesToTheSha256OfTheTokenAsLowercaseHex()
    {
        // SHA-256("abc"), the FIPS 180-2 test vector.
        TrackingToken.Hash("abc").ShouldBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        var token = TrackingToken.New();
        TrackingToken.Hash(token).ShouldBe(TrackingToken.Hash(token));
        TrackingToken.Hash(token).Length.ShouldBe(TrackingToken.HashLength);
        TrackingToken.Hash(token).ShouldNotContain(token);
    }
}

public sealed class TrackingExpiryArithmetic
{
    private static readonly DateTimeOffset Closed = new(2026, 11, 1, 18, 30, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(TicketStatus.New)]
    [InlineData(TicketStatus.EnRoute)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Reopened)]
    public void AnOpenTicketsLinkNeverExpires(TicketStatus status)
    {
        TrackingExpiry.ExpiresAt(status, null, Closed, 30).ShouldBeNull();
        TrackingExpiry.IsExpired(status, null, Closed, 30, Closed.AddYears(5)).ShouldBeFalse();
    }

    [Fact]
    public void AClosedTicketsLinkWorksForTheConfiguredDaysAfterClosing()
    {
        TrackingExpiry.ExpiresAt(TicketStatus.Closed, Closed, Closed.AddDays(2), 30).ShouldBe(Closed.AddDays(30));
        TrackingExpiry.IsExpired(TicketStatus.Closed, Closed, Closed.AddDays(2), 30, Closed.AddDays(30).AddTicks(-1)).ShouldBeFalse();
        TrackingExpiry.IsExpired(TicketStatus.Closed, Closed, Closed.AddDays(2), 30, Closed.AddDays(30)).ShouldBeTrue();
        TrackingExpiry.IsExpired(TicketStatus.Closed, Closed, Closed, 7, Closed.AddDays(8)).ShouldBeTrue();
        TrackingExpiry.IsExpired(TicketStatus.Closed, Closed, Closed, 0, Closed).ShouldBeTrue();
    }

    [Fact]
    public void ACancelledTicketCountsFromItsLastChange()
    {
        TrackingExpiry.ExpiresAt(TicketStatus.Cancelled, null, Closed, 30).ShouldBe(Closed.AddDays(30));
    }

    [Fact]
    public void RefusesNegativeDays() =>
        Should.Throw<ArgumentOutOfRangeException>(() => TrackingExpiry.ExpiresAt(TicketStatus.Closed, Closed, Closed, -1));
}
