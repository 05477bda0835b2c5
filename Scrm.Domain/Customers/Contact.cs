using Scrm.Domain.Common;

namespace Scrm.Domain.Customers;

public sealed class Contact : IAuditable
{
    private Contact() { }

    internal Contact(string name, string phone, string? role)
    {
        Name = Guard.Text(name, "name", Customer.NameMaxLength);
        Phone = PhoneNumber.Parse(phone);
        Role = Guard.Text(role, "role", 40, required: false);
    }

    public long Id { get; private set; }
    public long CustomerId { get; private set; }
    public string Name { get; private set; } = "";
    public string Phone { get; private set; } = "";
    public string Role { get; private set; } = "";
}
