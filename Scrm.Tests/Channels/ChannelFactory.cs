using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Features.Channels;
using Scrm.Domain.Channels;

namespace Scrm.Tests.Channels;

/// <summary>The whole app with the WeCom channel set up against <see cref="FakeQyApi"/>, and a webhook source "erp".</summary>
public sealed class ChannelFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Token = "demoToken2026";
    public const string AesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    public const string AgentId = "1000002";
    public const string WebhookSecret = "erp-shared-secret";

    private readonly string _database = Path.Combine(Path.GetTempPath(), $"scrm-channels-{Guid.NewGuid():N}.db");

    public FakeQyApi QyApi { get; } = new();

    public WeComCrypto Crypto { get; } = new(Token, AesKey, FakeQyApi.CorpId);

    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder
        .UseEnvironment("Testing")
        .UseSetting("ConnectionStrings:Scrm", $"Data Source={_database}")
        .UseSetting("Files:Root", Path.Combine(Path.GetTempPath(), $"scrm-channels-files-{Guid.NewGuid():N}"))
        .UseSetting("Demo:Seed", "true")
        .UseSetting("Demo:ClosedTickets", "20")
        .UseSetting("Demo:Customers", "20")
        .UseSetting("Channels:WeCom:CorpId", FakeQyApi.CorpId)
        .UseSetting("Channels:WeCom:Token", Token)
        .UseSetting("Channels:WeCom:EncodingAesKey", AesKey)
        .UseSetting("Channels:WeCom:Secret", FakeQyApi.Secret)
        .UseSetting("Channels:WeCom:AgentId", AgentId)
        .UseSetting("Channels:WeCom:ApiBaseUrl", QyApi.BaseUrl)
        .UseSetting("Channels:WeCom:MaxBodyBytes", "4096")
        .UseSetting("Channels:Webhooks:erp:Secret", WebhookSecret);

    public Task InitializeAsync()
    {
        _ = Services;
        return Task.CompletedTask;
    }

    public HttpClient Http() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    public async Task<T> ReadAsync<T>(Func<ScrmDbContext, Task<T>> read)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<ScrmDbContext>>().CreateForAsync(AccessScope.System);
        return await read(db);
    }

    /// <summary>Waits until the inbox row of <paramref name="dedupKey"/> has been handled, and returns it.</summary>
    public async Task<InboundMessage> HandledAsync(string dedupKey)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var row = await ReadAsync(db => db.InboundMessages.AsNoTracking().FirstOrDefaultAsync(m => m.DedupKey == dedupKey));
            if (row is { Status: not InboundStatus.Received } || DateTime.UtcNow > until) return row ?? throw new ShouldAssertException($"{dedupKey} was never stored");
            await Task.Delay(20);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await QyApi.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_database + suffix);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

[CollectionDefinition(Name)]
public sealed class ChannelCollection : ICollectionFixture<ChannelFactory>
{
    public const string Name = "channels";
}
