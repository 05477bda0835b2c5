using Scrm.Domain.Common;
using Scrm.Domain.Geo;

namespace Scrm.Domain.Customers;

/// <summary>A place where service happens: a store, a clinic, a campus.</summary>
public sealed class Site : IAuditable
{
    public const int AddressMaxLength = 200;

    private Site() { }

    internal Site(string name, string address, City city, GeoPoint location)
    {
        Name = Guard.Text(name, "name", Customer.NameMaxLength);
        Address = Guard.Text(address, "address", AddressMaxLength);
        City = city.Name;
        Region = city.Region;
        Lat = location.Lat;
        Lng = location.Lng;
    }

    public long Id { get; private set; }
    public long CustomerId { get; private set; }
    public string Name { get; private set; } = "";
    public string Address { get; private set; } = "";
    public string City { get; private set; } = "";
    public string Region { get; private set; } = "";
    public double Lat { get; private set; }
    public double Lng { get; private set; }

    public GeoPoint Location => new(Lat, Lng);
}
