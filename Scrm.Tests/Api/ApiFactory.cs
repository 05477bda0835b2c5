using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Features.Identity;

namespace Scrm.Tests.Api;

/// <summary>The whole app over HTTP, on its own temp SQLite file with a small demo data set.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminKey = "test-admin-key";

    private readonly string _database = Path.Combine(Path.GetTempPath(), $"scrm-api-{Guid.NewGuid():N}.db");
    private readonly string _files = Path.Combine(Path.GetTempPath(), $"scrm-api-files-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder
        .UseEnvironment("Testing")
        .UseSetting("ConnectionStrings:Scrm", $"Data Source={_database}")
        .UseSetting("Files:Root", _files)
        .UseSetting("Demo:Seed", "true")
        .UseSetting("Demo:ClosedTickets", "40")
        .UseSetting("Demo:Customers", "30")
        .UseSetting("Demo:ApiKey", AdminKey);

    public Task InitializeAsync()
    {
        // Starting the host migrates and seeds; a missing file means the app used some other database.
        _ = Services;
        if (!File.Exists(_database))
            throw new InvalidOperationException($"The app did not use the test database {_database}.");
        return Task.CompletedTask;
    }

    /// <summary>A client that sends <paramref name="apiKey"/> (none when null) and never follows redirects.</summary>
    public HttpClient Client(string? apiKey = AdminKey)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (apiKey is not null) client.DefaultRequestHeaders.Add(ApiKeyHandler.Header, apiKey);
        return client;
    }

    public Task<string> IssueKeyAsync(string role, string region, TimeSpan lifetime) =>
        Services.GetRequiredService<ApiKeys>().IssueAsync($"test {role} {region}", role, region, lifetime);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_database + suffix);
        if (Directory.Exists(_files)) Directory.Delete(_files, recursive: true);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "api";
}

/// <summary>Request bodies and small reads shared by the API tests.</summary>
internal static class ApiRequests
{
    public const string TicketsPath = "/api/v1/tickets";

    /// <summary>A valid create body with a new customer (a fresh phone number, so no existing customer is reused).</summary>
    public static object InlineTicket(string city, string title = "空调不制冷", string? priority = null) => new
    {
        title,
        description = "门店空调开机后只吹热风。",
        type = "Repair",
        priority,
        customer = new { name = $"测试客户{Random.Shared.Next(1000, 9999)}", phone = $"139{Random.Shared.Next(10_000_000, 99_999_999)}" },
        site = new { address = $"{city}市测试路 8 号", city },
    };

    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    public static async Task<JsonObject> CreateTicketAsync(this HttpClient client, string city)
    {
        var response = await client.PostAsJsonAsync(TicketsPath, InlineTicket(city));
        response.EnsureSuccessStatusCode();
        return await response.ReadObjectAsync();
    }

    public static async Task<int> TotalAsync(this HttpClient client, string query = "")
    {
        var page = await client.GetFromJsonAsync<JsonObject>($"{TicketsPath}?pageSize=1{query}");
        return (int)page!["total"]!;
    }
}
