namespace Scrm.Domain.Geo;

/// <summary>A service city; an address in it belongs to the city's region.</summary>
public sealed class City
{
    public const int NameMaxLength = 40;

    private City() { }

    public City(string name, string province, string region, GeoPoint centre)
    {
        Name = name;
        Province = province;
        Region = region;
        Lat = centre.Lat;
        Lng = centre.Lng;
    }

    public string Name { get; private set; } = "";
    public string Province { get; private set; } = "";
    public string Region { get; private set; } = "";
    public double Lat { get; private set; }
    public double Lng { get; private set; }
}
