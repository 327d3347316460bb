using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Storage;

namespace Bot.Host.Wording;

/// <summary>Who a user id is, and what a group is called: what an audit sentence needs to name people and groups.</summary>
public interface INames
{
    string Person(string userId);

    string Group(string chatId);
}

/// <summary>
/// An audit entry as a sentence the office reads: 「王主任 于 11月29日 08:31 对通知 #12 立即提醒（@3人）」. The actor and
/// the subject are named; the detail contributes only the fields a sentence mentions, so nothing secret in a detail
/// (a key, a hash) is ever shown. Old action names (before the admin API and the dashboard shared one service) read the same.
/// </summary>
public static class AuditSentences
{
    public static string Actor(string actor, INames names)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(names);
        return actor switch
        {
            "bot" => "机器人",
            "admin-api" => "管理接口",
            "sandbox" => "体验沙盒",
            _ when actor.StartsWith("dashboard:", StringComparison.Ordinal) => names.Person(actor["dashboard:".Length..]),
            _ => names.Person(actor),
        };
    }

    /// <summary>What was done, after the actor and the time: 「对通知 #12 立即提醒（@3人）」.</summary>
    public static string Deed(AuditEntry entry, INames names, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(names);
        var detail = Parse(entry.Detail);
        var subject = Subject(entry.Subject, names);
        string Text(string key) => detail?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
        long Number(string key) => detail?[key] is JsonValue v && v.TryGetValue<long>(out var n) ? n : 0;
        string People(string key) => detail?[key] is JsonArray a ? string.Join("、", a.OfType<JsonValue>().Select(v => names.Person(v.ToString()))) : "";
        string When(string key) => detail?[key] is JsonValue v && v.TryGetValue<DateTimeOffset>(out var at) ? Clock.At(at, zone, now) : "";

        return entry.Action switch
        {
            "notice.opened" => $"开始跟踪{subject}：要求{Number("asked")}人回复「{Text("phrase")}」，{When("replyDeadline")}截止",
            "notice.reminded" => $"在群里提醒了{subject}的未回复成员，情况说明{When("explanationDeadline")}截止",
            "notice.escalated" => $"将{subject}仍未回复的{People("members")}私信上报给其负责人",
            "notice.cancelled" => $"撤销了{subject}",
            "notice.remind" or "notice.remind-now" => $"对{subject}立即提醒（@{(detail?["members"] is JsonArray m ? m.Count : Number("mentioned"))}人）",
            "rectification.escalated" => $"将{subject}上报给校长（未完成：{(Text("missed") == "reply" ? "回复" : "整改情况")}）",
            "group.saved" or "group.upsert" => $"保存了{subject}的设置{KeyChange(Text("webhookKey"), detail?["webhookKeyChanged"])}",
            "group.policy-saved" => $"修改了{subject}的规则{PolicyKeys(detail?["policy"] as JsonObject)}",
            "group.member-added" => $"把{names.Person(Text("userId"))}加入{subject}",
            "group.member-removed" => $"把{names.Person(Text("userId"))}移出{subject}",
            "person.saved" or "person.upsert" => $"保存了{subject}的人员信息",
            "person.deleted" or "person.delete" => $"删除了人员{subject}{Duties(Number("openDuties"))}",
            "people.imported" or "people.import" => $"导入了{(detail?["count"] is not null ? Number("count") : Number("imported"))}位人员",
            "word.added" or "word.add" => $"在{Names.Category(Text("category"))}中添加词条「{Text("pattern")}」",
            "word.deleted" or "word.delete" => $"删除了{Names.Category(Text("category"))}的词条「{Text("pattern")}」",
            "words.imported" or "words.import" => $"向{Names.Category(Text("category"))}导入了{Number("added")}个词条",
            "outbox.resent" or "outbox.resend" => $"重新发送了{subject}",
            "sandbox.seeded" => $"建立了体验用的{subject}",
            "violation.dismiss" => $"把{names.Person(Text("userId"))}的{subject}标为误判{(detail?["strikeRemoved"] is JsonValue s && s.TryGetValue<bool>(out var removed) && removed ? "，撤销了一次警告" : "")}：{Text("reason")}",
            _ => $"对{subject}进行了操作「{entry.Action}」",
        };
    }

    /// <summary>「群「三年级组」」, 「通知 #12」, a person's name: what an audit subject refers to.</summary>
    public static string Subject(string subject, INames names)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(names);
        var colon = subject.IndexOf(':', StringComparison.Ordinal);
        var (kind, id) = colon < 0 ? (subject, "") : (subject[..colon], subject[(colon + 1)..]);
        return kind switch
        {
            "group" => $"群「{names.Group(id)}」",
            "person" => names.Person(id),
            "notice" => $"通知 #{id}",
            "rectification" => $"整改 #{id}",
            "word" => $"词条 #{id}",
            "words" => Names.Category(id),
            "outbox" => $"消息 #{id}",
            "violation" => $"违规记录 #{id}",
            "people" => "通讯录",
            _ => subject,
        };
    }

    private static string KeyChange(string change, JsonNode? changed) =>
        change == "set" || changed is JsonValue v && v.TryGetValue<bool>(out var yes) && yes ? "（更换了 Webhook key）"
        : change == "cleared" ? "（清除了 Webhook key）"
        : "";

    private static string PolicyKeys(JsonObject? policy) =>
        policy is null ? "" : policy.Count == 0 ? "：恢复为默认规则" : "：" + string.Join("、", policy.Select(p => PolicyLabels.Of(p.Key)));

    private static string Duties(long open) => open > 0 ? $"（{open}项未完成的回复不再跟踪）" : "";

    private static JsonObject? Parse(string detail)
    {
        try
        {
            return JsonNode.Parse(detail) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
