namespace Scrm.App.Data;

public static class AppRoles
{
    public const string Admin = "Admin";
    public const string Manager = "Manager";
    public const string Dispatcher = "Dispatcher";
    public const string Technician = "Technician";
    public const string Agent = "Agent";
    public const string Finance = "Finance";

    public static readonly IReadOnlyList<string> All = [Admin, Manager, Dispatcher, Technician, Agent, Finance];

    /// <summary>Roles that may create tickets and move them along.</summary>
    public const string TicketWriters = $"{Admin},{Manager},{Dispatcher},{Agent}";
}
