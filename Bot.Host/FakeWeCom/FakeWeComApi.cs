using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bot.Host.FakeWeCom;

/// <summary>
/// A stand-in for qyapi.weixin.qq.com speaking WeCom's wire format, for tests and the sandbox: it records every request,
/// validates what WeCom validates, and misbehaves on request (<see cref="FakeWeComState"/>).
/// </summary>
public static class FakeWeComApi
{
    private const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapFakeWeComApi(this IEndpointRouteBuilder routes, FakeWeComState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        routes.MapGet("/cgi-bin/gettoken", Endpoint(state, FakeWeComRequestKind.GetToken, "/cgi-bin/gettoken", FakeWeComRules.GetToken));
        routes.MapPost("/cgi-bin/webhook/send", Endpoint(state, FakeWeComRequestKind.WebhookSend, "/cgi-bin/webhook/send", FakeWeComRules.WebhookSend));
        routes.MapPost("/cgi-bin/message/send", Endpoint(state, FakeWeComRequestKind.MessageSend, "/cgi-bin/message/send", FakeWeComRules.MessageSend));
        routes.MapPost("/cgi-bin/appchat/send", Endpoint(state, FakeWeComRequestKind.AppChatSend, "/cgi-bin/appchat/send", FakeWeComRules.AppChatSend));
        // The response_url WeCom hands out: https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=… (doc 101138).
        routes.MapPost("/cgi-bin/aibot/response", Endpoint(state, FakeWeComRequestKind.AiBotResponse, "/cgi-bin/aibot/response", FakeWeComRules.AiBotResponse));
        return routes;
    }

    // Typed as Delegate so minimal APIs write the returned IResult (a RequestDelegate would discard it).
    private static Delegate Endpoint(
        FakeWeComState state, FakeWeComRequestKind kind, string path, Func<FakeWeComState, FakeCall, FakeAnswer> rules) =>
        (HttpContext http) => HandleAsync(http, state, kind, path, rules);

    private static async Task<IResult> HandleAsync(
        HttpContext http, FakeWeComState state, FakeWeComRequestKind kind, string path,
        Func<FakeWeComState, FakeCall, FakeAnswer> rules)
    {
        var body = await ReadBodyAsync(http.Request);
        var call = Parse(http.Request.Query, body);
        var fault = state.TakeFault(path, isSend: kind != FakeWeComRequestKind.GetToken);
        if (fault is { Delay: var delay } && delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(delay, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up; WeCom would still act on what it received, and so does the fake.
            }
        }

        var answer = fault switch
        {
            { HttpStatus: not null } or { RedirectTo: not null } => null,
            { ErrCode: { } code } => new FakeAnswer(code, fault.ErrMsg ?? "fault injected"),
            _ => rules(state, call),
        };

        state.Record((sequence, at) => call.Draft with
        {
            Sequence = sequence,
            At = at,
            Kind = kind,
            Method = http.Request.Method,
            Path = http.Request.Path.Value ?? path,
            Query = http.Request.QueryString.Value ?? "",
            Host = http.Request.Host.Value ?? "",
            Body = body,
            AnsweredErrCode = answer?.ErrCode,
            AnsweredHttpStatus = fault?.HttpStatus ?? (fault?.RedirectTo is null ? StatusCodes.Status200OK : StatusCodes.Status302Found),
            DroppedAsDuplicate = answer?.DroppedAsDuplicate ?? false,
            DeliveredTo = answer?.DeliveredTo ?? [],
        });

        if (fault?.RedirectTo is { } redirect)
        {
            return Results.Redirect(redirect.ToString());
        }

        if (answer is null)
        {
            return Results.Text("<html><body>fault injected</body></html>", "text/html", statusCode: fault!.HttpStatus);
        }

        var json = new JsonObject { ["errcode"] = answer.ErrCode, ["errmsg"] = answer.ErrMsg };
        foreach (var (name, value) in answer.Extra ?? [])
        {
            json[name] = value?.DeepClone();
        }

        return Results.Text(json.ToJsonString(), "application/json; charset=UTF-8");
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0 && buffer.Length < MaxBodyBytes)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static FakeCall Parse(IQueryCollection query, byte[] body)
    {
        var draft = new FakeWeComRequest(0, default, default, "", "", "", body) { WebhookKey = query["key"].FirstOrDefault() };
        if (body.Length == 0)
        {
            return new FakeCall(query, null, draft);
        }

        try
        {
            var json = JsonElement.Parse(body);
            if (json.ValueKind != JsonValueKind.Object)
            {
                return new FakeCall(query, null, draft);
            }

            var msgType = Str(json, "msgtype");
            var inner = msgType is null ? (JsonElement?)null : Prop(json, msgType);
            return new FakeCall(query, json, draft with
            {
                MsgType = msgType,
                Content = inner is { } i ? Str(i, "content") : null,
                MentionedList = inner is { } m && Prop(m, "mentioned_list") is { ValueKind: JsonValueKind.Array } list
                    ? [.. list.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText())]
                    : [],
                ToUser = Str(json, "touser"),
                ChatId = Str(json, "chatid"),
                AgentId = Prop(json, "agentid") is { ValueKind: JsonValueKind.Number } a && a.TryGetInt64(out var id) ? id : null,
            });
        }
        catch (JsonException)
        {
            return new FakeCall(query, null, draft);
        }
    }

    internal static JsonElement? Prop(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : null;

    internal static string? Str(JsonElement e, string name) =>
        Prop(e, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    internal static string NewId() => Guid.NewGuid().ToString("N").ToUpper(CultureInfo.InvariantCulture);
}

/// <summary>A request as the rules see it: query, parsed JSON body (null when absent or malformed), and its recorded fields.</summary>
internal sealed record FakeCall(IQueryCollection Query, JsonElement? Json, FakeWeComRequest Draft);

internal sealed record FakeAnswer(int ErrCode, string ErrMsg, JsonObject? Extra = null, bool DroppedAsDuplicate = false)
{
    public IReadOnlyList<string>? DeliveredTo { get; init; }

    public static readonly FakeAnswer Ok = new(0, "ok");
}
