using Scrm.Domain.Common;

namespace Scrm.Domain.Customers;

/// <summary>A piece of the customer's equipment we maintain.</summary>
public sealed class Device : IAuditable
{
    public const int ModelMaxLength = 80;

    private Device() { }

    internal Device(Site site, string model, string serialNumber, DateOnly installedOn, DateOnly warrantyEnd)
    {
        if (warrantyEnd < installedOn)
            throw new DomainRuleException("Device.WarrantyBeforeInstall", "Warranty cannot end before installation.");
        Site = site;
        Model = Guard.Text(model, "model", ModelMaxLength);
        SerialNumber = Guard.Text(serialNumber, "serialNumber", 60);
        InstalledOn = installedOn;
        WarrantyEnd = warrantyEnd;
    }

    public long Id { get; private set; }
    public long CustomerId { get; private set; }
    public long SiteId { get; private set; }
    public Site? Site { get; private set; }
    public string Model { get; private set; } = "";
    public string SerialNumber { get; private set; } = "";
    public DateOnly InstalledOn { get; private set; }
    public DateOnly WarrantyEnd { get; private set; }

    public bool IsUnderWarranty(DateOnly today) => today <= WarrantyEnd;
}
