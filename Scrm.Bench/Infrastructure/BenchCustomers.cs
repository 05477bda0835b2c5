using Scrm.App.Features.Tickets;

namespace Scrm.Bench.Infrastructure;

/// <summary>A demo customer with its first site: what a create copies onto the ticket.</summary>
internal sealed record CustomerSite(long Id, string Name, long SiteId, string Address, string City, string Region, double Lat, double Lng);

internal static class BenchCustomers
{
    public static async Task<CustomerSite[]> LoadAsync(string connectionString)
    {
        await using var connection = RawSqlite.Open(connectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.Id, c.Name, s.Id, s.Address, s.City, s.Region, s.Lat, s.Lng
            FROM Customers c JOIN Sites s ON s.Id = (SELECT MIN(Id) FROM Sites WHERE CustomerId = c.Id)
            ORDER BY c.Id
            """;
        var list = new List<CustomerSite>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            list.Add(new CustomerSite(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetDouble(6), reader.GetDouble(7)));
        return [.. list];
    }

    /// <summary>The request every load scenario sends: an existing customer, so a create reads it and writes one ticket.</summary>
    public static NewTicketRequest Request(CustomerSite[] customers, int writer, long i) => new()
    {
        Title = $"压测工单 {writer}-{i} 咖啡机不出水",
        Description = "门店反馈咖啡机不出水，请尽快安排技师上门。",
        Type = "Repair",
        Priority = "Normal",
        CustomerId = Pick(customers, writer, i).Id,
    };

    public static CustomerSite Pick(CustomerSite[] customers, int writer, long i) => customers[(int)((writer * 7919 + i) % customers.Length)];
}
