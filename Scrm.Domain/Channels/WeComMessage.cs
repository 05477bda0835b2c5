using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Scrm.Domain.Channels;

/// <summary>
/// A message or event WeCom delivered to the application, as decrypted. Messages carry a MsgId; events do not, and
/// are told apart by sender and creation time, which is what WeCom's retries repeat.
/// </summary>
public sealed record WeComMessage(string ToUserName, string FromUserName, long CreateTime, string MsgType, string? Content,
    string? MsgId, string? Event, string? AgentId)
{
    public const int MaxXmlChars = 64 * 1024;

    public bool IsText => MsgType == "text";

    /// <summary>The key a retry of this message repeats: "msg:{MsgId}", or "event:{FromUserName}:{CreateTime}".</summary>
    public string DedupKey => MsgId is { Length: > 0 } id
        ? "msg:" + id
        : string.Create(CultureInfo.InvariantCulture, $"event:{FromUserName}:{CreateTime}");

    /// <summary>Reads the decrypted XML; throws <see cref="FormatException"/> when it is not a WeCom message.</summary>
    public static WeComMessage Parse(string xml)
    {
        var root = Load(xml);
        var from = Field(root, "FromUserName");
        var type = Field(root, "MsgType");
        if (string.IsNullOrEmpty(from) || string.IsNullOrEmpty(type)) throw new FormatException("FromUserName and MsgType are required.");
        if (!long.TryParse(Field(root, "CreateTime"), NumberStyles.None, CultureInfo.InvariantCulture, out var created))
            throw new FormatException("CreateTime is not a number.");
        return new WeComMessage(Field(root, "ToUserName") ?? "", from, created, type, Field(root, "Content"),
            Field(root, "MsgId"), Field(root, "Event"), Field(root, "AgentID"));
    }

    /// <summary>The Encrypt element of a callback body; throws <see cref="FormatException"/> when absent or not XML.</summary>
    public static string EncryptedPart(string xml) =>
        Field(Load(xml), "Encrypt") is { Length: > 0 } encrypted ? encrypted : throw new FormatException("The body has no Encrypt element.");

    private static XElement Load(string xml)
    {
        if (xml.Length > MaxXmlChars) throw new FormatException("The XML is too long.");
        // No DTDs, no external entities: the body comes from the internet.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxXmlChars };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            var root = XElement.Load(reader);
            return root.Name.LocalName == "xml" ? root : throw new FormatException("The root element is not <xml>.");
        }
        catch (XmlException e)
        {
            throw new FormatException("The body is not well-formed XML.", e);
        }
    }

    private static string? Field(XElement root, string name) => root.Element(name)?.Value.Trim();
}
