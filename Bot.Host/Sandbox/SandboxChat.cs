using Bot.Host.FakeWeCom;

namespace Bot.Host.Sandbox;

/// <summary>One line of the sandbox's feed: a member's post, the bot's group post or private message, or a note.</summary>
/// <param name="Kind"><c>member</c>, <c>unseen</c> (a member's post that did not @ the bot: the group sees it, the bot does not),
/// <c>bot</c> (group post), <c>private</c> (to <see cref="To"/>) or <c>system</c>.</param>
/// <param name="Mentions">The display names the post @-mentions, for the page to highlight.</param>
public sealed record SandboxItem(long Id, string Kind, string ChatId, string From, string? To, string Text, IReadOnlyList<string> Mentions, DateTimeOffset At);

/// <summary>
/// The sandbox's conversation: members' posts as the page sent them, merged in arrival order with what the bot sent
/// to the fake WeCom. The fake's requests are taken in before each new post and each read, so a reminder the bot sent
/// before a member spoke is listed before it.
/// </summary>
public sealed class SandboxChat(FakeWeComState wecom, TimeProvider time)
{
    private const int Kept = 2000;

    private readonly Lock _gate = new();
    private readonly List<SandboxItem> _items = [];
    private long _lastId;
    private long _lastRequest;

    /// <summary>What a page needs to turn ids into names; loaded by the caller (it is I/O).</summary>
    public sealed record Directory(IReadOnlyDictionary<string, string> Names);

    /// <param name="seenByBot">Whether WeCom hands the post to the bot: only when it @-mentions the bot.</param>
    public void AddMemberPost(Directory directory, string chatId, string userId, string text, bool seenByBot = true) =>
        Add(directory, seenByBot ? "member" : "unseen", chatId, directory.Names.GetValueOrDefault(userId, userId), null, text, []);

    public void AddNote(Directory directory, string chatId, string text) => Add(directory, "system", chatId, "沙盒", null, text, []);

    public (IReadOnlyList<SandboxItem> Items, long Last) Since(Directory directory, long after)
    {
        lock (_gate)
        {
            TakeRequests(directory);
            return ([.. _items.Where(i => i.Id > after)], _lastId);
        }
    }

    private void Add(Directory directory, string kind, string chatId, string from, string? to, string text, IReadOnlyList<string> mentions)
    {
        lock (_gate)
        {
            TakeRequests(directory);
            Append(kind, chatId, from, to, text, mentions, time.GetUtcNow());
        }
    }

    private void TakeRequests(Directory directory)
    {
        foreach (var request in wecom.Requests.Where(r => r.Sequence > _lastRequest))
        {
            _lastRequest = request.Sequence;
            string Name(string id) => directory.Names.GetValueOrDefault(id, id);
            switch (request)
            {
                case { Kind: FakeWeComRequestKind.WebhookSend, Delivered: true }:
                    // Shown in every group the post reached, as WeCom would: one, since the bot names the group's chatid.
                    foreach (var chatId in request.DeliveredTo)
                        Append("bot", chatId, "规则助手", null, request.Content ?? "", [.. request.MentionedList.Select(Name)], request.At);
                    break;
                case { Kind: FakeWeComRequestKind.MessageSend, Delivered: true }:
                    foreach (var to in (request.ToUser ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries))
                        Append("private", "", "规则助手", Name(to), request.Content ?? "", [], request.At);
                    break;
                case { Kind: FakeWeComRequestKind.WebhookSend or FakeWeComRequestKind.MessageSend, Delivered: false, DroppedAsDuplicate: false }:
                    Append("system", "", "沙盒", null, $"企业微信（模拟）拒收了机器人的一条消息：errcode {request.AnsweredErrCode}", [], request.At);
                    break;
            }
        }
    }

    private void Append(string kind, string chatId, string from, string? to, string text, IReadOnlyList<string> mentions, DateTimeOffset at)
    {
        _items.Add(new SandboxItem(++_lastId, kind, chatId, from, to, text, mentions, at));
        if (_items.Count > Kept) _items.RemoveRange(0, _items.Count - Kept);
    }
}
