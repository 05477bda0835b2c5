using Scrm.App.Data;
using Scrm.App.Features.Notifications;
using Scrm.Domain.Notifications;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Notifications;

/// <summary>The delivery worker against a real local HTTP gateway and an in-process SMTP server.</summary>
[Collection(NotificationCollection.Name)]
public sealed class DeliveryWorkerTests(NotificationHost app)
{
    private static string Phone() => TestApp.UniquePhone();

    [Fact]
    public async Task AGatewayThatFailsTwiceGetsTheMessageOnTheThirdTryWithOneIdempotencyKey()
    {
        var to = Phone();
        app.Gateway.FailFor(to, 2);
        var row = await app.QueueAsync(NotificationChannel.Sms, to);

        await app.DrainAsync();
        var first = await app.RowAsync(row.Id);
        (first.Status, first.Attempts).ShouldBe((DeliveryStatus.Pending, 1));
        first.LastError!.ShouldContain("503");
        first.NextAttemptAt.ShouldBeInRange(app.Clock.Now.AddSeconds(1), app.Clock.Now.AddSeconds(1.5));   // 1 s base, up to half of it jitter

        app.Clock.Advance(TimeSpan.FromSeconds(2));
        await app.DrainAsync();
        var second = await app.RowAsync(row.Id);
        (second.Status, second.Attempts).ShouldBe((DeliveryStatus.Pending, 2));
        second.NextAttemptAt.ShouldBeInRange(app.Clock.Now.AddSeconds(2), app.Clock.Now.AddSeconds(3));    // doubled

        app.Clock.Advance(TimeSpan.FromSeconds(3));
        await app.DrainAsync();
        var sent = await app.RowAsync(row.Id);
        (sent.Status, sent.Attempts, sent.LastError).ShouldBe((DeliveryStatus.Sent, 3, (string?)null));
        app.Gateway.KeysFor(to).ShouldBe(Enumerable.Repeat($"scrm-notification-{row.Id}", 3));
    }

    [Fact]
    public async Task AfterTheLastTryTheMessageIsDeadLetteredAndAnAdminCanRetryIt()
    {
        var to = Phone();
        app.Gateway.FailFor(to, 3);
        var row = await app.QueueAsync(NotificationChannel.Sms, to);
        for (var i = 0; i < 3; i++)
        {
            await app.DrainAsync();
            app.Clock.Advance(TimeSpan.FromSeconds(10));
        }
        var dead = await app.RowAsync(row.Id);
        (dead.Status, dead.Attempts).ShouldBe((DeliveryStatus.DeadLettered, 3));
        await app.DrainAsync();
        app.Gateway.KeysFor(to).Count.ShouldBe(3);   // dead letters are not tried again by themselves

        (await app.Get<NotificationService>().RetryAsync(TestApp.Admin, row.Id)).ShouldBeTrue();
        await app.DrainAsync();
        (await app.RowAsync(row.Id)).Status.ShouldBe(DeliveryStatus.Sent);
        await Should.ThrowAsync<Scrm.App.Features.Shared.AccessDeniedException>(() => app.Get<NotificationService>().RetryAsync(TestApp.Dispatcher("华东"), row.Id));
    }

    [Fact]
    public async Task ACrashBetweenSendAndMarkSentResendsWithTheSameKeyAfterTheLeaseAndASentRowNeverAgain()
    {
        var to = Phone();
        var row = await app.QueueAsync(NotificationChannel.Sms, to);
        using var crash = new CancellationTokenSource();
        var arrived = app.Gateway.ReceivedFor(to);
        _ = arrived.ContinueWith(_ => crash.Cancel(), TaskScheduler.Default);

        // The process "dies" once the gateway has the message, before the worker hears back or marks anything.
        await Should.ThrowAsync<OperationCanceledException>(() => RunUntilCancelledAsync(crash.Token));
        var orphan = await app.RowAsync(row.Id);
        (orphan.Status, orphan.ClaimedBy).ShouldSatisfyAllConditions(s => s.Status.ShouldBe(DeliveryStatus.Pending), s => s.ClaimedBy.ShouldNotBeNull());

        // A restarted worker leaves it alone while the dead pass's lease runs ...
        await app.DrainAsync();
        app.Gateway.KeysFor(to).Count.ShouldBe(1);
        // ... then sends it again, with the same idempotency key, so the gateway can tell it is the same message.
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        await app.DrainAsync();
        (await app.RowAsync(row.Id)).Status.ShouldBe(DeliveryStatus.Sent);
        app.Gateway.KeysFor(to).ShouldBe([$"scrm-notification-{row.Id}", $"scrm-notification-{row.Id}"]);

        // Another restart: a sent row is never sent again.
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.DrainAsync();
        app.Gateway.KeysFor(to).Count.ShouldBe(2);
    }

    private async Task RunUntilCancelledAsync(CancellationToken ct)
    {
        while (true) await app.Worker.RunOnceAsync(ct);
    }

    [Fact]
    public async Task AnEmailReachesTheSmtpServerWithItsChineseSubject()
    {
        var address = $"{TestApp.Marker("kefu")}@example.cn";
        var row = await app.QueueAsync(NotificationChannel.Email, address, "工单 SH-1 已派单");

        await app.DrainAsync();

        (await app.RowAsync(row.Id)).Status.ShouldBe(DeliveryStatus.Sent);
        var mail = app.Smtp.ReceivedEmail.Single(m => m.ToAddresses.Any(a => a.Address == address));
        mail.Subject.ShouldBe("工单 SH-1 已派单");
        mail.MessageParts[0].BodyData.ShouldContain("工单 SH-1 已派单：工单已受理");
    }
}
