using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Scrm.App.Features.Channels;

/// <summary>
/// WeCom's server API as the application: gettoken (corpid + corpsecret) with the access_token cached until shortly
/// before it expires and fetched again when WeCom calls it invalid (40014) or expired (42001); message/send in
/// WeCom's own request format.
/// </summary>
public sealed class WeComClient(IHttpClientFactory httpClients, IOptionsMonitor<WeComOptions> options, TimeProvider clock, ILogger<WeComClient> log)
{
    public const string HttpClientName = "wecom";
    private const int InvalidToken = 40014;
    private const int ExpiredToken = 42001;
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (string Token, DateTimeOffset Until)? _token;

    /// <summary>Sends one text message (at most 2,048 bytes; <see cref="WeComMessenger"/> splits longer ones).</summary>
    public async Task SendTextAsync(string toUser, string content, CancellationToken ct)
    {
        var o = options.CurrentValue;
        if (!int.TryParse(o.AgentId, NumberStyles.None, CultureInfo.InvariantCulture, out var agentId))
            throw new WeComApiException(-1, "Channels:WeCom:AgentId is not set to the application's number.");
        var request = new SendText(toUser, "text", agentId, new TextContent(content), 0);
        for (var attempt = 1; ; attempt++)
        {
            var token = await AccessTokenAsync(ct);
            using var response = await Http().PostAsJsonAsync(Url(o, "/cgi-bin/message/send?access_token=" + Uri.EscapeDataString(token)), request, ct);
            response.EnsureSuccessStatusCode();
            var answer = await response.Content.ReadFromJsonAsync<ApiAnswer>(ct) ?? new ApiAnswer(-1, "empty answer", null, null);
            if (answer.ErrCode == 0) return;
            if (answer.ErrCode is InvalidToken or ExpiredToken && attempt == 1)
            {
                log.LogInformation("WeCom access_token refused ({Code}); fetching a new one", answer.ErrCode);
                Forget(token);
                continue;
            }
            throw new WeComApiException(answer.ErrCode, answer.ErrMsg ?? "");
        }
    }

    private async Task<string> AccessTokenAsync(CancellationToken ct)
    {
        if (_token is { } cached && cached.Until > clock.GetUtcNow()) return cached.Token;
        await _refresh.WaitAsync(ct);
        try
        {
            if (_token is { } fresh && fresh.Until > clock.GetUtcNow()) return fresh.Token;
            var o = options.CurrentValue;
            var url = Url(o, $"/cgi-bin/gettoken?corpid={Uri.EscapeDataString(o.CorpId)}&corpsecret={Uri.EscapeDataString(o.Secret)}");
            var answer = await Http().GetFromJsonAsync<ApiAnswer>(url, ct) ?? new ApiAnswer(-1, "empty answer", null, null);
            if (answer.ErrCode != 0 || string.IsNullOrEmpty(answer.AccessToken))
                throw new WeComApiException(answer.ErrCode, answer.ErrMsg ?? "gettoken gave no access_token");
            var lifetime = TimeSpan.FromSeconds(answer.ExpiresIn ?? 7200);
            _token = (answer.AccessToken, clock.GetUtcNow() + (lifetime > ExpiryMargin * 2 ? lifetime - ExpiryMargin : lifetime / 2));
            return answer.AccessToken;
        }
        finally
        {
            _refresh.Release();
        }
    }

    // From the factory on each call, so its handlers rotate (DNS changes) although this client lives as long as the app.
    private HttpClient Http() => httpClients.CreateClient(HttpClientName);

    private void Forget(string token)
    {
        if (_token is { } cached && cached.Token == token) _token = null;
    }

    private static string Url(WeComOptions o, string pathAndQuery) =>
        (string.IsNullOrWhiteSpace(o.ApiBaseUrl) ? WeComOptions.DefaultApiBaseUrl : o.ApiBaseUrl).TrimEnd('/') + pathAndQuery;

    private sealed record SendText(
        [property: JsonPropertyName("touser")] string ToUser,
        [property: JsonPropertyName("msgtype")] string MsgType,
        [property: JsonPropertyName("agentid")] int AgentId,
        [property: JsonPropertyName("text")] TextContent Text,
        [property: JsonPropertyName("safe")] int Safe);

    private sealed record TextContent([property: JsonPropertyName("content")] string Content);

    private sealed record ApiAnswer(
        [property: JsonPropertyName("errcode")] int ErrCode,
        [property: JsonPropertyName("errmsg")] string? ErrMsg,
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int? ExpiresIn);
}

/// <summary>WeCom answered with an error code other than 0.</summary>
public sealed class WeComApiException(int errCode, string errMsg) : Exception($"WeCom error {errCode}: {errMsg}")
{
    public int ErrCode { get; } = errCode;
}
