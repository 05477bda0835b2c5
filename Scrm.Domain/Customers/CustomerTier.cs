namespace Scrm.Domain.Customers;

public enum CustomerTier
{
    Standard,
    Silver,
    Gold,
    Platinum,
}
