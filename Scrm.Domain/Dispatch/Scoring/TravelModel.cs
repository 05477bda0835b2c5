using Scrm.Domain.Common;

namespace Scrm.Domain.Dispatch.Scoring;

/// <summary>How far and how long a trip is: straight-line kilometres turned into road minutes.</summary>
/// <param name="SpeedKmh">Average road speed; the app sets it per city (25 suits a congested centre).</param>
/// <param name="MaxUsefulKm">The distance at which closeness stops counting: the distance score is 0 from there on.</param>
public sealed record TravelModel(double SpeedKmh = 25, double MaxUsefulKm = 50)
{
    /// <summary>Roads are longer than the great circle; 1.3 is the usual detour factor for city grids.</summary>
    public const double RoadFactor = 1.3;

    public static TravelModel Default { get; } = new();

    public double SpeedKmh { get; init; } = Positive(SpeedKmh, "Dispatch.SpeedOutOfRange", "speedKmh");

    public double MaxUsefulKm { get; init; } = Positive(MaxUsefulKm, "Dispatch.MaxDistanceOutOfRange", "maxUsefulKm");

    /// <summary>Minutes on the road, rounded up.</summary>
    public int EtaMinutes(double km) => (int)Math.Ceiling(km * RoadFactor / SpeedKmh * 60);

    /// <summary>1 on the spot, falling linearly to 0 at <see cref="MaxUsefulKm"/>.</summary>
    public double DistanceScore(double km) => Math.Max(0, 1 - km / MaxUsefulKm);

    private static double Positive(double value, string code, string field) =>
        double.IsFinite(value) && value > 0 ? value
            : throw new DomainRuleException(code, $"{field} must be a positive number.", field);
}
