namespace Scrm.App.Features.Channels;

/// <summary>The WeCom application (section "Channels:WeCom"). Secrets come from the environment, never from the repository.</summary>
public sealed class WeComOptions
{
    public const string Section = "Channels:WeCom";
    public const string DefaultApiBaseUrl = "https://qyapi.weixin.qq.com";

    public string CorpId { get; set; } = "";
    public string Token { get; set; } = "";
    public string EncodingAesKey { get; set; } = "";
    public string Secret { get; set; } = "";
    public string AgentId { get; set; } = "";
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>How far a callback's timestamp may be from our clock before it counts as a replay.</summary>
    public int TimestampToleranceSeconds { get; set; } = 300;

    /// <summary>WeCom's callbacks are a few hundred bytes; anything far larger is refused unread.</summary>
    public int MaxBodyBytes { get; set; } = 32 * 1024;

    /// <summary>The callback can check and decrypt: token and CorpId are set, the key is 43 Base64 characters of 32 bytes.</summary>
    public bool CanReceive => Token.Length > 0 && CorpId.Length > 0 && EncodingAesKey.Length == 43
        && Convert.TryFromBase64String(EncodingAesKey + "=", new byte[33], out var length) && length == 32;
}

/// <summary>The generic webhooks (section "Channels:Webhooks"): one entry per source, e.g. Channels:Webhooks:erp:Secret.</summary>
public sealed class WebhookSource
{
    public const string Section = "Channels:Webhooks";

    public string Secret { get; set; } = "";
    public int TimestampToleranceSeconds { get; set; } = 300;
    public int MaxBodyBytes { get; set; } = 64 * 1024;
}
