namespace Scrm.App.Data;

public static class AppRoles
{
    public const string Admin = "Admin";
    public const string Manager = "Manager";
    public const string Dispatcher = "Dispatcher";
    public const string Technician = "Technician";
    public const string Agent = "Agent";
    public const string Finance = "Finance";
    /// <summary>Keeps the parts warehouses: hears of stock below its reorder point and works the replenishment tasks.</summary>
    public const string Warehouse = "Warehouse";

    public static readonly IReadOnlyList<string> All = [Admin, Manager, Dispatcher, Technician, Agent, Finance, Warehouse];

    /// <summary>
    /// Roles whose work is tickets (reading at least): every role but Warehouse, which works on the parts catalog and
    /// its stock (/catalog) and has no ticket to see.
    /// </summary>
    public const string TicketReaders = $"{Admin},{Manager},{Dispatcher},{Technician},{Agent},{Finance}";

    /// <summary>Roles that may create tickets and move them along.</summary>
    public const string TicketWriters = $"{Admin},{Manager},{Dispatcher},{Agent}";
}
