using System.Text;
using Bot.Host.Rules;
using Bot.Rules.Messages;
using Bot.Rules.Pipeline;
using Bot.Storage;
using Npgsql;
using static Bot.Host.Dashboard.Html;

namespace Bot.Host.Dashboard;

/// <summary>
/// 「试一试」: runs the real pipeline on a synthetic message against the group's real state, in a transaction that is
/// rolled back, and shows every rule's verdict (passing ones too) and what the bot would do. Nothing is stored or sent.
/// </summary>
public static class TryMessage
{
    public static async Task<string> RenderAsync(HttpContext http, string chatId, string senderId, string text)
    {
        var ct = http.RequestAborted;
        var services = http.RequestServices;
        var engine = services.GetRequiredService<RuleEngine>();
        var now = Change.Now(http);
        await using var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var state = await GroupStateStore.LoadAsync(connection, transaction, chatId, senderId, engine.DefaultPolicy, now, ct, text: text);
        var scanner = await services.GetRequiredService<ContentScanners>().CurrentAsync(connection, transaction, ct);
        await transaction.RollbackAsync(ct);

        var (body, mentions) = MentionText.Split(text, stripLeadingMention: false);
        var message = new InboundMessage($"try:{Guid.NewGuid():N}", Channel.Robot, chatId, ChatType.Group, senderId, state.NameOf(senderId),
            MessageKind.Text, "text", body, mentions, null, null, null, now);
        var decision = RuleEngine.Pipeline(scanner).Evaluate(message, state, now);

        var verdicts = Table(["规则", "结论", "模式", "理由"], decision.Verdicts.Select(v => (IReadOnlyList<string>)
        [
            E(v.Rule),
            v.Outcome switch { Outcome.Hit => "<span class=\"badge bad\">命中</span>", Outcome.Off => "<span class=\"badge\">关闭</span>", _ => "<span class=\"badge ok\">通过</span>" },
            E(v.Mode.ToString()), $"<span class=\"evidence\">{E(v.Detail)}</span>",
        ]));
        var effects = decision.Effects.Count == 0 ? "<p class=\"muted\">机器人不会做任何事。</p>"
            : "<ul class=\"effects\">" + string.Concat(decision.Effects.Select(e => $"<li>{E(Describe(e, state.NameOf))}</li>")) + "</ul>";
        return $"""
            <section class="try" id="try-result">
              <h3>{E(state.NameOf(senderId))}：「{E(text)}」</h3>
              {verdicts}
              <h3>机器人会做的事</h3>{effects}
            </section>
            """;
    }

    private static string Describe(Effect effect, Func<string, string> name) => effect switch
    {
        PostToGroup p => $"在群里发言{(p.Mentions.Count > 0 ? $"并@{string.Join("、", p.Mentions.Select(name))}" : "")}：{p.Text}",
        SendPrivate p => $"私信给{string.Join("、", p.To.Select(name))}：{p.Text}",
        OpenNotice n => $"开始跟踪通知：要求{n.Asked.Count}人回复「{n.Phrase}」，截止 {n.ReplyDeadline:yyyy-MM-dd HH:mm:ss zzz}",
        RecordReply r => $"记录{name(r.UserId)}的回复{(r.Late ? "（逾期）" : "")}",
        RecordExplanation r => $"记录{name(r.UserId)}的情况说明",
        OpenRectification r => $"开始跟踪整改：{name(r.MemberId)}",
        RecordViolation v => $"记录违规：{v.Rule} / {v.Category}{(v.Strike ? "（计一次警告）" : "")}",
        AddToRoster a => $"把{a.Name}（{a.UserId}）加入群名单",
        _ => Spaced(effect.GetType().Name),
    };

    private static string Spaced(string typeName)
    {
        var text = new StringBuilder();
        foreach (var c in typeName) text.Append(char.IsUpper(c) && text.Length > 0 ? " " + char.ToLowerInvariant(c) : c.ToString());
        return text.ToString();
    }
}
