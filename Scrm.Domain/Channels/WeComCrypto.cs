using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Scrm.Domain.Channels;

/// <summary>
/// WeCom's callback encryption (the WXBizMsgCrypt protocol): a SHA1 signature over the sorted token, timestamp, nonce
/// and cipher text; AES-256-CBC with the key from the 43-character EncodingAESKey, the IV its first 16 bytes, PKCS#7
/// padding to 32-byte blocks; the plain text is 16 random bytes, a 4-byte big-endian length, the message and the
/// receive id (the CorpId), which is checked.
/// </summary>
public sealed class WeComCrypto
{
    private const int BlockSize = 32;
    private readonly string _token;
    private readonly string _receiveId;
    private readonly byte[] _key;

    public WeComCrypto(string token, string encodingAesKey, string receiveId)
    {
        if (string.IsNullOrEmpty(token)) throw new ArgumentException("The callback token is empty.", nameof(token));
        if (encodingAesKey is not { Length: 43 }) throw new ArgumentException("EncodingAESKey must have 43 characters.", nameof(encodingAesKey));
        _token = token;
        _receiveId = receiveId;
        try
        {
            _key = Convert.FromBase64String(encodingAesKey + "=");
        }
        catch (FormatException)
        {
            throw new ArgumentException("EncodingAESKey is not Base64.", nameof(encodingAesKey));
        }
        if (_key.Length != 32) throw new ArgumentException("EncodingAESKey does not decode to 32 bytes.", nameof(encodingAesKey));
    }

    /// <summary>The msg_signature WeCom sends: SHA1 (hex) of the four values sorted byte-wise and joined.</summary>
    public static string Signature(string token, string timestamp, string nonce, string encrypted)
    {
        string[] parts = [token, timestamp, nonce, encrypted];
        Array.Sort(parts, StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(parts))));
    }

    /// <summary>True when <paramref name="signature"/> is ours for these values (compared in fixed time).</summary>
    public bool Verify(string? signature, string timestamp, string nonce, string encrypted)
    {
        if (signature is not { Length: 40 }) return false;
        var expected = Encoding.ASCII.GetBytes(Signature(_token, timestamp, nonce, encrypted));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature.ToLowerInvariant()));
    }

    /// <summary>The message inside <paramref name="encrypted"/> (Base64); throws <see cref="WeComCryptoException"/> when it is not ours.</summary>
    public string Decrypt(string encrypted)
    {
        byte[] cipher;
        try
        {
            cipher = Convert.FromBase64String(encrypted);
        }
        catch (FormatException)
        {
            throw new WeComCryptoException("The cipher text is not Base64.");
        }
        if (cipher.Length == 0 || cipher.Length % 16 != 0) throw new WeComCryptoException("The cipher text is not whole AES blocks.");
        using var aes = Aes.Create();
        aes.Key = _key;
        var plain = aes.DecryptCbc(cipher, _key.AsSpan(0, 16), PaddingMode.None);
        var pad = plain[^1];
        if (pad is < 1 or > BlockSize || pad > plain.Length) throw new WeComCryptoException("The padding is wrong.");
        var body = plain.AsSpan(0, plain.Length - pad);
        if (body.Length < 20) throw new WeComCryptoException("The plain text is too short.");
        var length = BinaryPrimitives.ReadInt32BigEndian(body.Slice(16, 4));
        if (length < 0 || 20 + length > body.Length) throw new WeComCryptoException("The message length is wrong.");
        var receiveId = Encoding.UTF8.GetString(body[(20 + length)..]);
        if (!string.Equals(receiveId, _receiveId, StringComparison.Ordinal)) throw new WeComCryptoException("The message is for another receiver.");
        return Encoding.UTF8.GetString(body.Slice(20, length));
    }

    /// <summary>Encrypts <paramref name="message"/> for WeCom with fresh random bytes.</summary>
    public string Encrypt(string message) => Encrypt(message, RandomNumberGenerator.GetBytes(16));

    /// <summary>Encrypts with the 16 given random bytes (known vectors need them fixed).</summary>
    public string Encrypt(string message, ReadOnlySpan<byte> random)
    {
        if (random.Length != 16) throw new ArgumentException("16 random bytes are needed.", nameof(random));
        var text = Encoding.UTF8.GetBytes(message);
        var id = Encoding.UTF8.GetBytes(_receiveId);
        var length = 20 + text.Length + id.Length;
        var pad = BlockSize - length % BlockSize;
        var plain = new byte[length + pad];
        random.CopyTo(plain);
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(16, 4), text.Length);
        text.CopyTo(plain, 20);
        id.CopyTo(plain, 20 + text.Length);
        plain.AsSpan(length).Fill((byte)pad);
        using var aes = Aes.Create();
        aes.Key = _key;
        return Convert.ToBase64String(aes.EncryptCbc(plain, _key.AsSpan(0, 16), PaddingMode.None));
    }

    /// <summary>A passive reply: the encrypted message in WeCom's reply XML with its signature, timestamp and nonce.</summary>
    public string ReplyXml(string message, string timestamp, string nonce)
    {
        var encrypted = Encrypt(message);
        var signature = Signature(_token, timestamp, nonce, encrypted);
        return $"<xml><Encrypt><![CDATA[{encrypted}]]></Encrypt><MsgSignature><![CDATA[{signature}]]></MsgSignature>"
            + $"<TimeStamp>{timestamp}</TimeStamp><Nonce><![CDATA[{nonce}]]></Nonce></xml>";
    }
}

/// <summary>A cipher text that is not ours: wrong key, bad padding or another receiver.</summary>
public sealed class WeComCryptoException(string message) : Exception(message);
