using Scrm.Domain.Geo;

namespace Scrm.Domain.Dispatch.Scoring;

/// <summary>A 0.1° square of latitude and longitude: about 11 × 9.5 km in eastern China, a cross-town trip.</summary>
internal readonly record struct GridCell(int Row, int Col)
{
    public const double Degrees = 0.1;

    private const double EarthRadiusKm = 6371.0; // as GeoPoint.DistanceKmTo
    // Floating-point edges and haversine rounding are far below a metre; a metre of slack keeps the bound a bound.
    private const double SlackKm = 0.001;

    public static GridCell Of(GeoPoint point) =>
        new((int)Math.Floor((point.Lat + 90) / Degrees), (int)Math.Floor((point.Lng + 180) / Degrees));

    /// <summary>
    /// A lower bound on the distance from <paramref name="site"/> (inside this cell) to anything outside the
    /// square of <paramref name="rings"/> rings around it. The grid does not wrap at ±180°.
    /// </summary>
    public double ReachKm(GeoPoint site, int rings)
    {
        var south = (Row - rings) * Degrees - 90;
        var north = (Row + rings + 1) * Degrees - 90;
        var west = (Col - rings) * Degrees - 180;
        var east = (Col + rings + 1) * Degrees - 180;

        var latGap = Math.Min(south > -90 ? site.Lat - south : double.PositiveInfinity,
            north < 90 ? north - site.Lat : double.PositiveInfinity);
        var lngGap = Math.Min(west > -180 ? site.Lng - west : double.PositiveInfinity,
            east < 180 ? east - site.Lng : double.PositiveInfinity);

        // Beyond the square's north or south edge: at least the meridian arc to it.
        var byLat = EarthRadiusKm * Radians(latGap);
        // Beyond its east or west edge within its latitudes: the haversine term for the longitude gap alone,
        // taken at the band's most poleward latitude, where a degree of longitude is shortest.
        var poleward = Math.Min(90, Math.Max(Math.Abs(south), Math.Abs(north)));
        var byLng = lngGap >= 180 ? double.PositiveInfinity
            : 2 * EarthRadiusKm * Math.Asin(Math.Min(1,
                Math.Sqrt(Math.Cos(Radians(site.Lat)) * Math.Cos(Radians(poleward))) * Math.Sin(Radians(lngGap) / 2)));

        return Math.Max(0, Math.Min(byLat, byLng) - SlackKm);
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}

/// <summary>The rows and columns that hold anyone; rings outside it are skipped.</summary>
internal readonly record struct CellBox(int MinRow, int MaxRow, int MinCol, int MaxCol)
{
    public static CellBox Around(GridCell cell) => new(cell.Row, cell.Row, cell.Col, cell.Col);

    public CellBox Including(GridCell cell) => new(Math.Min(MinRow, cell.Row), Math.Max(MaxRow, cell.Row),
        Math.Min(MinCol, cell.Col), Math.Max(MaxCol, cell.Col));

    public bool Contains(int row, int col) => row >= MinRow && row <= MaxRow && col >= MinCol && col <= MaxCol;

    /// <summary>How many cells of the box lie outside the square of <paramref name="rings"/> rings around <paramref name="centre"/> (none for -1: all).</summary>
    public long CellsOutside(GridCell centre, int rings)
    {
        long all = (long)(MaxRow - MinRow + 1) * (MaxCol - MinCol + 1);
        if (rings < 0) return all;
        long rows = Math.Max(0, Math.Min(MaxRow, centre.Row + rings) - Math.Max(MinRow, centre.Row - rings) + 1);
        long cols = Math.Max(0, Math.Min(MaxCol, centre.Col + rings) - Math.Max(MinCol, centre.Col - rings) + 1);
        return all - rows * cols;
    }

    /// <summary>The first ring around <paramref name="centre"/> that touches the box.</summary>
    public int FirstRingFrom(GridCell centre) => Math.Max(0, Math.Max(
        Math.Max(MinRow - centre.Row, centre.Row - MaxRow), Math.Max(MinCol - centre.Col, centre.Col - MaxCol)));

    /// <summary>The ring around <paramref name="centre"/> that completes the box.</summary>
    public int LastRingFrom(GridCell centre) => Math.Max(
        Math.Max(Math.Abs(centre.Row - MinRow), Math.Abs(centre.Row - MaxRow)),
        Math.Max(Math.Abs(centre.Col - MinCol), Math.Abs(centre.Col - MaxCol)));
}
