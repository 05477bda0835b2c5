using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Scrm.App.Features.Intake;

/// <summary>
/// The thank-you page's "follow your ticket" link: /s/{key}/follow/{pass}, where the pass is the ticket's id protected
/// by the app's data-protection keys. Opening it redirects to the ticket's progress link (/t/{token}), issued then if the
/// tracking issuer has not yet. So a submission writes nothing for its link: issuing the token in the POST was a
/// write-path transaction of its own, in the serial writer, for every ticket (ADR 0043).
/// </summary>
public sealed class FollowLinks(IDataProtectionProvider protection)
{
    // A pass is ~110 characters; anything much longer is not one of ours and is refused before decoding.
    private const int MaxPassLength = 256;

    private readonly IDataProtector _protector = protection.CreateProtector("Scrm.Intake.Follow.v1");

    /// <summary>The path of the follow link of <paramref name="ticketId"/>, under the form's own path.</summary>
    public string PathFor(string formKey, long ticketId)
    {
        Span<byte> id = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(id, ticketId);
        return $"/s/{Uri.EscapeDataString(formKey)}/follow/{WebEncoders.Base64UrlEncode(_protector.Protect(id.ToArray()))}";
    }

    /// <summary>The ticket a pass was made for; null for anything this app did not make (changed, truncated, made up).</summary>
    public long? TicketOf(string? pass)
    {
        if (pass is not { Length: > 0 and <= MaxPassLength }) return null;
        try
        {
            var id = _protector.Unprotect(WebEncoders.Base64UrlDecode(pass));
            return id.Length == sizeof(long) ? BinaryPrimitives.ReadInt64BigEndian(id) : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
