using System.Text;

namespace Bot.Host.FakeWeCom;

public enum FakeWeComRequestKind
{
    GetToken,
    WebhookSend,
    MessageSend,
    AppChatSend,
    AiBotResponse,
}

/// <summary>
/// A scripted misbehaviour for the next matching call. <see cref="Path"/> null means any send endpoint (not gettoken, so a
/// fault meant for a send is not eaten by the token fetch before it); give "/cgi-bin/gettoken" to fault gettoken itself.
/// A fault with only a <see cref="Delay"/> answers normally after it, and the message counts as delivered even if the
/// client gave up waiting: that is how an answer gets lost.
/// </summary>
public sealed record FakeWeComFault
{
    public string? Path { get; init; }
    public int? ErrCode { get; init; }
    public string? ErrMsg { get; init; }
    public int? HttpStatus { get; init; }
    public TimeSpan Delay { get; init; }

    /// <summary>Answers 302 to this address instead (a compromised or misconfigured host): the client must not follow it.</summary>
    public Uri? RedirectTo { get; init; }
}

/// <summary>One request as the fake received it, with the fields the tests and the sandbox look at, and how it was answered.</summary>
public sealed record FakeWeComRequest(
    long Sequence,
    DateTimeOffset At,
    FakeWeComRequestKind Kind,
    string Method,
    string Path,
    string Query,
    byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
    public string? MsgType { get; init; }

    /// <summary><c>text.content</c> or <c>markdown.content</c>.</summary>
    public string? Content { get; init; }

    public IReadOnlyList<string> MentionedList { get; init; } = [];
    public string? ToUser { get; init; }
    public string? ChatId { get; init; }
    public long? AgentId { get; init; }
    public string? WebhookKey { get; init; }

    /// <summary>The Host header the request named (the fake may stand in for several of WeCom's hosts).</summary>
    public string Host { get; init; } = "";

    /// <summary>
    /// For a delivered webhook post, the chats it reached: the one its <c>chatid</c> named, or every chat the robot is in
    /// when it named none (WeCom's default <c>@all_group</c>); <c>@all_group</c> itself when the fake knows none of them.
    /// </summary>
    public IReadOnlyList<string> DeliveredTo { get; init; } = [];

    /// <summary>The errcode answered; null when the answer was an HTTP error.</summary>
    public int? AnsweredErrCode { get; init; }

    public int AnsweredHttpStatus { get; init; } = 200;

    /// <summary>Accepted, but dropped by WeCom's duplicate check (message/send with enable_duplicate_check).</summary>
    public bool DroppedAsDuplicate { get; init; }

    /// <summary>A message that reached its recipients: a send answered errcode 0 and not dropped as a duplicate.</summary>
    public bool Delivered => Kind != FakeWeComRequestKind.GetToken && AnsweredErrCode == 0 && !DroppedAsDuplicate;
}
