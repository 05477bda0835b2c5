using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Scrm.Domain.Notifications;

namespace Scrm.App.Features.Notifications.Channels;

/// <summary><c>Channels:Smtp:Host/Port/From/User/Password</c>; <c>Security</c> is MailKit's SecureSocketOptions (Auto by default).</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string From { get; set; } = "Scrm <noreply@scrm.local>";
    public string? User { get; set; }
    public string? Password { get; set; }
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;
}

/// <summary>E-mail over SMTP (MailKit). The Message-Id is derived from the delivery, so a resent mail is recognisably the same one.</summary>
public sealed class SmtpChannel(SmtpOptions options) : INotificationChannel
{
    public NotificationChannel Channel => NotificationChannel.Email;

    public async Task SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(options.From));
        mail.To.Add(new MailboxAddress(message.RecipientName, message.Address));
        mail.Subject = message.Subject;
        mail.MessageId = $"{message.IdempotencyKey}@scrm";
        mail.Body = new TextPart("plain") { Text = message.Body };
        using var client = new SmtpClient();
        await client.ConnectAsync(options.Host ?? "localhost", options.Port, options.Security, ct);
        if (!string.IsNullOrEmpty(options.User)) await client.AuthenticateAsync(options.User, options.Password ?? "", ct);
        await client.SendAsync(mail, ct);
        await client.DisconnectAsync(true, ct);
    }
}
