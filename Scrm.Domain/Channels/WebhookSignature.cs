using System.Security.Cryptography;
using System.Text;

namespace Scrm.Domain.Channels;

/// <summary>The generic webhook's signature: "sha256=" and the hex HMAC-SHA256 of the raw body with the source's secret.</summary>
public static class WebhookSignature
{
    public const string Prefix = "sha256=";

    public static string Compute(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>True when <paramref name="header"/> is the body's signature (fixed-time comparison).</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (string.IsNullOrEmpty(secret) || header is null) return false;
        var expected = Encoding.ASCII.GetBytes(Compute(secret, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(header.Trim().ToLowerInvariant()));
    }
}
