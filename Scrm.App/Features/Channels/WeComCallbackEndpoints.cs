using System.Text;
using Microsoft.Extensions.Options;
using Scrm.Domain.Channels;
using static Scrm.App.Features.Channels.ChannelProblems;

namespace Scrm.App.Features.Channels;

/// <summary>
/// WeCom's callback URL. GET proves we hold the token and key (the decrypted echostr goes back); POST delivers an
/// encrypted message, which is checked, stored and acknowledged at once. WeCom gives up after 5 seconds and retries
/// up to 3 times, so nothing slow happens here: the <see cref="InboxWorker"/> handles the message afterwards.
/// </summary>
internal static class WeComCallbackEndpoints
{
    public const string Channel = "wecom";

    public static IResult Verify(HttpContext http, IOptionsSnapshot<WeComOptions> options, TimeProvider clock, ILoggerFactory logs)
    {
        var o = options.Value;
        var log = logs.CreateLogger(typeof(WeComCallbackEndpoints));
        if (!o.CanReceive) return NotSetUp();
        var q = http.Request.Query;
        string timestamp = q["timestamp"].ToString(), nonce = q["nonce"].ToString(), echo = q["echostr"].ToString();
        var crypto = new WeComCrypto(o.Token, o.EncodingAesKey, o.CorpId);
        if (echo.Length == 0 || !crypto.Verify(q["msg_signature"], timestamp, nonce, echo))
            return Forged(log, "URL verification");
        if (!IsFresh(timestamp, clock.GetUtcNow(), o.TimestampToleranceSeconds)) return Stale(log, timestamp);
        try
        {
            return Results.Text(crypto.Decrypt(echo), "text/plain", Encoding.UTF8);
        }
        catch (WeComCryptoException e)
        {
            log.LogWarning("WeCom URL verification refused: {Reason}", e.Message);
            return Problem(StatusCodes.Status400BadRequest, "The echostr could not be decrypted.", "WeCom.Undecryptable");
        }
    }

    public static async Task<IResult> ReceiveAsync(HttpContext http, IOptionsSnapshot<WeComOptions> options, ChannelInbox inbox,
        TimeProvider clock, ILoggerFactory logs, CancellationToken ct)
    {
        var o = options.Value;
        var log = logs.CreateLogger(typeof(WeComCallbackEndpoints));
        if (!o.CanReceive) return NotSetUp();
        var body = await ReadBodyAsync(http.Request, o.MaxBodyBytes, ct);
        if (body is null)
        {
            log.LogWarning("WeCom callback refused: body over {Limit} bytes", o.MaxBodyBytes);
            return TooLarge(o.MaxBodyBytes);
        }
        var q = http.Request.Query;
        string timestamp = q["timestamp"].ToString(), nonce = q["nonce"].ToString();
        string encrypted;
        try
        {
            encrypted = WeComMessage.EncryptedPart(Encoding.UTF8.GetString(body));
        }
        catch (FormatException e)
        {
            return Malformed(log, e.Message);
        }
        var crypto = new WeComCrypto(o.Token, o.EncodingAesKey, o.CorpId);
        if (!crypto.Verify(q["msg_signature"], timestamp, nonce, encrypted)) return Forged(log, "message");
        if (!IsFresh(timestamp, clock.GetUtcNow(), o.TimestampToleranceSeconds)) return Stale(log, timestamp);
        WeComMessage message;
        string plain;
        try
        {
            plain = crypto.Decrypt(encrypted);
            message = WeComMessage.Parse(plain);
        }
        catch (WeComCryptoException e)
        {
            log.LogWarning("WeCom callback refused: {Reason}", e.Message);
            return Problem(StatusCodes.Status400BadRequest, "The message could not be decrypted.", "WeCom.Undecryptable");
        }
        catch (FormatException e)
        {
            return Malformed(log, e.Message);
        }
        var recorded = await inbox.RecordAsync(Channel, message.DedupKey, message.FromUserName, message.IsText ? "text" : message.MsgType, plain, ct);
        if (!recorded.IsNew) log.LogInformation("WeCom retry of {Key} acknowledged; it was stored before", message.DedupKey);
        // "success" tells WeCom there is no passive reply; the answer goes out later as an application message.
        return Results.Text("success", "text/plain");
    }

    private static IResult NotSetUp() =>
        Problem(StatusCodes.Status404NotFound, "The WeCom channel is not set up.", "WeCom.NotConfigured");

    private static IResult Forged(ILogger log, string what)
    {
        log.LogWarning("WeCom {What} refused: msg_signature does not match", what);
        return Problem(StatusCodes.Status403Forbidden, "The signature does not match.", "WeCom.BadSignature");
    }

    private static IResult Stale(ILogger log, string timestamp)
    {
        log.LogWarning("WeCom callback refused: timestamp {Timestamp} outside the window (replay?)", timestamp);
        return Problem(StatusCodes.Status403Forbidden, "The timestamp is too old or too far ahead.", "WeCom.Stale");
    }

    private static IResult Malformed(ILogger log, string reason)
    {
        log.LogWarning("WeCom callback refused: {Reason}", reason);
        return Problem(StatusCodes.Status400BadRequest, "The body is not a WeCom message.", "WeCom.Malformed");
    }
}
