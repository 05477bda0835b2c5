using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;

namespace Scrm.App.Features.Channels;

/// <summary>
/// Handles stored WeCom messages after the callback has answered: woken when one is stored, and every few seconds
/// for those whose handling failed (each gets <see cref="InboundMessage.MaxAttempts"/> tries, then it is marked failed).
/// </summary>
public sealed class InboxWorker(IServiceScopeFactory scopes, IDbContextFactory<ScrmDbContext> dbFactory, InboxSignal signal,
    ChannelInbox inbox, ILogger<InboxWorker> log) : BackgroundService
{
    private const int BatchSize = 20;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                while (await HandleBatchAsync(stop) == BatchSize) { }
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                log.LogError(e, "The channel inbox worker failed; it tries again shortly");
            }
            try
            {
                await signal.WaitAsync(Poll, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Handles the oldest waiting messages; returns how many it took.</summary>
    public async Task<int> HandleBatchAsync(CancellationToken ct)
    {
        List<InboundMessage> waiting;
        await using (var db = await dbFactory.CreateForAsync(AccessScope.System, ct))
            waiting = await db.InboundMessages.AsNoTracking()
                .Where(m => m.Status == InboundStatus.Received && m.Channel == WeComCallbackEndpoints.Channel)
                .OrderBy(m => m.Id).Take(BatchSize).ToListAsync(ct);
        foreach (var message in waiting)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<WeComInboxHandler>().HandleAsync(message, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                var last = message.Attempts + 1 >= InboundMessage.MaxAttempts;
                log.LogWarning(e, "WeCom message {Id} from {Sender} not handled (attempt {Attempt})", message.Id, message.Sender, message.Attempts + 1);
                await inbox.FinishAsync(message.Id, last ? InboundStatus.Failed : InboundStatus.Received, e.Message, ct: ct);
            }
        }
        return waiting.Count;
    }
}
