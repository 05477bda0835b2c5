using Scrm.Domain.Common;
using Scrm.Domain.Geo;

namespace Scrm.Domain.Customers;

/// <summary>A business or person we serve, with the places we serve them at and the equipment there.</summary>
public sealed class Customer : IAuditable
{
    public const int NameMaxLength = 100;
    public const int PhoneMaxLength = 30;
    public const int IndustryMaxLength = 40;

    private readonly List<Contact> _contacts = [];
    private readonly List<Site> _sites = [];
    private readonly List<Device> _devices = [];

    private Customer() { }

    public Customer(string name, string phone, string industry, CustomerTier tier, string region, DateTimeOffset since)
    {
        Name = Guard.Text(name, "name", NameMaxLength);
        Phone = PhoneNumber.Parse(phone);
        Industry = Guard.Text(industry, "industry", IndustryMaxLength, required: false);
        Tier = tier;
        Region = Guard.Text(region, "region", Regions.NameMaxLength);
        CustomerSince = since;
    }

    public long Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Phone { get; private set; } = "";
    public string Industry { get; private set; } = "";
    public CustomerTier Tier { get; private set; }

    /// <summary>The region that owns the customer; decides who may see it.</summary>
    public string Region { get; private set; } = "";
    public DateTimeOffset CustomerSince { get; private set; }
    public long Version { get; private set; }

    /// <summary>The technician who knows this customer's equipment and is asked first (专属技师); null: none.</summary>
    public long? DedicatedTechnicianId { get; private set; }

    public void AssignDedicatedTechnician(long? technicianId) => DedicatedTechnicianId = technicianId;

    public IReadOnlyCollection<Contact> Contacts => _contacts.AsReadOnly();
    public IReadOnlyCollection<Site> Sites => _sites.AsReadOnly();
    public IReadOnlyCollection<Device> Devices => _devices.AsReadOnly();

    public Contact AddContact(string name, string phone, string? role)
    {
        var contact = new Contact(name, phone, role);
        _contacts.Add(contact);
        return contact;
    }

    public Site AddSite(string name, string address, City city, GeoPoint location)
    {
        var site = new Site(name, address, city, location);
        _sites.Add(site);
        return site;
    }

    public Device AddDevice(Site site, string model, string serialNumber, DateOnly installedOn, DateOnly warrantyEnd)
    {
        var device = new Device(site, model, serialNumber, installedOn, warrantyEnd);
        _devices.Add(device);
        return device;
    }
}
