using System.Text;
using Scrm.Domain.Channels;

namespace Scrm.Tests.Channels;

/// <summary>Against the vectors of WeCom's official WXBizMsgCrypt samples, and our own round trips.</summary>
public sealed class WeComCryptoTests
{
    // The official sample's settings (Sample.cs of the WXBizMsgCrypt C# download).
    private const string Token = "QDG6eK";
    private const string CorpId = "wx5823bf96d3bd56c7";
    private const string AesKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";

    private const string EchoStr = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";

    private const string PostEncrypted =
        "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==";

    private readonly WeComCrypto _crypto = new(Token, AesKey, CorpId);

    [Fact]
    public void VerifiesTheOfficialUrlVerificationRequestAndDecryptsItsEchoStr()
    {
        _crypto.Verify("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659589", "263014780", EchoStr).ShouldBeTrue();
        _crypto.Decrypt(EchoStr).ShouldBe("1616140317555161061");
    }

    [Fact]
    public void VerifiesAndDecryptsTheOfficialSampleMessage()
    {
        _crypto.Verify("477715d11cdb4164915debcba66cb864d751f3e6", "1409659813", "1372623149", PostEncrypted).ShouldBeTrue();

        var message = WeComMessage.Parse(_crypto.Decrypt(PostEncrypted));

        message.ToUserName.ShouldBe(CorpId);
        message.FromUserName.ShouldBe("mycreate");
        message.MsgType.ShouldBe("text");
        message.Content.ShouldBe("hello");
        message.MsgId.ShouldBe("4561255354251345929");
        message.AgentId.ShouldBe("218");
    }

    [Fact]
    public void EncryptsExactlyAsTheOfficialJavaSampleWithItsFixedRandomBytes()
    {
        // WXBizMsgCryptTest.java: key "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", appId wxb11529c136998cb6, random "aaaabbbbccccdddd".
        var crypto = new WeComCrypto("pamtest", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "wxb11529c136998cb6");

        crypto.Encrypt("我是中文abcd123", Encoding.ASCII.GetBytes("aaaabbbbccccdddd"))
            .ShouldBe("jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==");
    }

    [Fact]
    public void RefusesATamperedSignatureOrCipherText()
    {
        _crypto.Verify("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd4", "1409659589", "263014780", EchoStr).ShouldBeFalse();
        _crypto.Verify("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659590", "263014780", EchoStr).ShouldBeFalse();
        _crypto.Verify(null, "1409659589", "263014780", EchoStr).ShouldBeFalse();
    }

    [Fact]
    public void RoundTripsChineseAndEmojiThroughEncryptionPaddedToWholeBlocks()
    {
        const string text = "<xml><Content><![CDATA[报修 门店咖啡机不出水 ☕🙏]]></Content></xml>";

        var encrypted = _crypto.Encrypt(text);

        (Convert.FromBase64String(encrypted).Length % 32).ShouldBe(0);
        _crypto.Decrypt(encrypted).ShouldBe(text);
        _crypto.Encrypt(text).ShouldNotBe(encrypted, "fresh random bytes each time");
    }

    [Fact]
    public void RefusesAMessageEncryptedForAnotherCorp()
    {
        var other = new WeComCrypto(Token, AesKey, "ww0000000000000000");

        Should.Throw<WeComCryptoException>(() => _crypto.Decrypt(other.Encrypt("hello")));
    }

    [Fact]
    public void RefusesCipherTextThatIsNotBase64OrNotWholeBlocks()
    {
        Should.Throw<WeComCryptoException>(() => _crypto.Decrypt("not base64!"));
        Should.Throw<WeComCryptoException>(() => _crypto.Decrypt(Convert.ToBase64String(new byte[17])));
    }

    [Fact]
    public void BuildsAPassiveReplyWhoseSignatureAndCipherTextCheckOut()
    {
        var xml = System.Xml.Linq.XElement.Parse(_crypto.ReplyXml("<xml><Content>好的</Content></xml>", "1409659813", "1372623149"));

        var encrypted = xml.Element("Encrypt")!.Value;
        _crypto.Verify(xml.Element("MsgSignature")!.Value, xml.Element("TimeStamp")!.Value, xml.Element("Nonce")!.Value, encrypted).ShouldBeTrue();
        _crypto.Decrypt(encrypted).ShouldBe("<xml><Content>好的</Content></xml>");
    }

    [Fact]
    public void RejectsAnEncodingAesKeyThatIsNot43Characters() =>
        Should.Throw<ArgumentException>(() => new WeComCrypto(Token, AesKey[..42], CorpId));
}
