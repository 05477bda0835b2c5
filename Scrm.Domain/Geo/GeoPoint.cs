namespace Scrm.Domain.Geo;

/// <summary>A WGS-84 coordinate.</summary>
public readonly record struct GeoPoint
{
    public GeoPoint(double lat, double lng)
    {
        if (double.IsNaN(lat) || lat is < -90 or > 90)
            throw new Common.DomainRuleException("Geo.LatOutOfRange", "Latitude must be between -90 and 90.", "lat");
        if (double.IsNaN(lng) || lng is < -180 or > 180)
            throw new Common.DomainRuleException("Geo.LngOutOfRange", "Longitude must be between -180 and 180.", "lng");
        Lat = lat;
        Lng = lng;
    }

    public double Lat { get; }
    public double Lng { get; }

    /// <summary>Great-circle distance in kilometres (haversine).</summary>
    public double DistanceKmTo(GeoPoint other)
    {
        const double earthRadiusKm = 6371.0;
        var dLat = ToRad(other.Lat - Lat);
        var dLng = ToRad(other.Lng - Lng);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) +
                Math.Cos(ToRad(Lat)) * Math.Cos(ToRad(other.Lat)) * Math.Pow(Math.Sin(dLng / 2), 2);
        return 2 * earthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    private static double ToRad(double degrees) => degrees * Math.PI / 180;
}
