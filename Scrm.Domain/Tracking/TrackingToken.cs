using System.Security.Cryptography;
using System.Text;

namespace Scrm.Domain.Tracking;

/// <summary>
/// The secret in a customer's progress link (/t/{token}): 128 random bits, base64url without padding (22 characters).
/// Only its SHA-256 hash is looked up, so a copy of the table does not open anyone's page.
/// </summary>
public static class TrackingToken
{
    public const int Bytes = 16;
    public const int Length = 22;
    public const int HashLength = 64;

    public static string New()
    {
        Span<byte> secret = stackalloc byte[Bytes];
        RandomNumberGenerator.Fill(secret);
        return Convert.ToBase64String(secret).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Whether <paramref name="token"/> could be one of ours at all; anything else is refused before any lookup.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_');

    /// <summary>The lowercase hex SHA-256 of the token's text, as stored.</summary>
    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
}
