using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using netDumbster.smtp;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.App.Features.Notifications;
using Scrm.Tests.Infrastructure;
using Scrm.Tests.Sla;
using Scrm.Tests.Timers;

namespace Scrm.Tests.Notifications;

/// <summary>
/// The app on a clock the test moves (Tuesday 10:00 in Shanghai), with its SMS and voice gateways pointed at a real
/// local HTTP server and e-mail at an in-process SMTP server. The background sender is off: tests run its passes.
/// </summary>
public sealed class NotificationHost : TestApp, IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2030, 3, 5, 10, 0, 0, TimeSpan.FromHours(8));

    private NotificationHost(LocalGateway gateway, SimpleSmtpServer smtp, int smtpPort) : base(new Dictionary<string, string?>
    {
        ["Demo:Seed"] = "true",
        ["Demo:Customers"] = "40",
        ["Demo:ClosedTickets"] = "60",
        ["Demo:OpenPerStatusPerRegion"] = "1",
        ["Demo:TechniciansPerRegion"] = "4",
        ["Channels:Sms:Url"] = gateway.Url,
        ["Channels:Voice:Url"] = gateway.Url,
        ["Channels:Smtp:Host"] = "127.0.0.1",
        ["Channels:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Channels:Smtp:Security"] = "None",
        ["Notifications:WorkerEnabled"] = "false",
        ["Notifications:MaxAttempts"] = "3",
        ["Notifications:RetryBaseSeconds"] = "1",
        ["Notifications:LeaseSeconds"] = "60",
    })
    {
        Gateway = gateway;
        Smtp = smtp;
    }

    public NotificationHost() : this(LocalGateway.Start(), FreePort()) { }

    private NotificationHost(LocalGateway gateway, int port) : this(gateway, SimpleSmtpServer.Start(port), port) { }

    public LocalGateway Gateway { get; }

    public SimpleSmtpServer Smtp { get; }

    public ManualClock Clock { get; } = new(Start);

    protected override void AddTestServices(IServiceCollection services)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Clock);
    }

    public DeliveryWorker Worker => Get<DeliveryWorker>();

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Gateway.DisposeAsync();
        Smtp.Stop();
    }

    /// <summary>Waits until the notification handler has handled every event stored so far.</summary>
    public async Task CaughtUpAsync()
    {
        long last;
        await using (var db = await DbAsync()) last = await db.OutboxMessages.MaxAsync(m => m.Id);
        await SlaHost.WaitUntilAsync(async () =>
        {
            await using var db = await DbAsync();
            return await db.HandlerCheckpoints.AnyAsync(c => c.Handler == nameof(TicketNotifications) && c.Position >= last);
        }, $"notifications to reach event {last}");
    }

    public async Task<List<NotificationDelivery>> DeliveriesAsync(Func<IQueryable<NotificationDelivery>, IQueryable<NotificationDelivery>> where)
    {
        await using var db = await DbAsync();
        return await where(db.NotificationDeliveries.AsNoTracking()).OrderBy(d => d.Id).ToListAsync();
    }

    /// <summary>A pending delivery written straight to the outbox, to an address no other test uses.</summary>
    public async Task<NotificationDelivery> QueueAsync(Scrm.Domain.Notifications.NotificationChannel channel, string address, string subject = "测试")
    {
        var row = new NotificationDelivery
        {
            DedupKey = Marker("test"), EventId = Guid.NewGuid(), RuleKey = "test", Region = "华东", Channel = channel,
            RecipientKind = Scrm.Domain.Notifications.RecipientKind.Customer, RecipientKey = address, RecipientName = "测试客户",
            Address = address, Subject = subject, Body = $"{subject}：工单已受理", Status = Scrm.Domain.Notifications.DeliveryStatus.Pending,
            NextAttemptAt = Clock.Now, CreatedAt = Clock.Now,
        };
        await Get<WritePath>().RunAsync(AccessScope.System, (db, _) => { db.NotificationDeliveries.Add(row); return Task.FromResult(true); });
        return row;
    }

    public async Task<NotificationDelivery> RowAsync(long id)
    {
        await using var db = await DbAsync();
        return await db.NotificationDeliveries.AsNoTracking().SingleAsync(d => d.Id == id);
    }

    /// <summary>Runs worker passes until one claims nothing.</summary>
    public async Task DrainAsync()
    {
        while (await Worker.RunOnceAsync(CancellationToken.None) > 0) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
