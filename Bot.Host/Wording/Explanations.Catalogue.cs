namespace Bot.Host.Wording;

public static partial class Explanations
{
    /// <summary>
    /// Each rule's English wording (as its <see cref="Bot.Rules.Pipeline.Explanation.Template"/>: values as {0}, {1}…,
    /// literal braces doubled) and its Chinese. The Chinese may use the values in any order, or leave one out (an
    /// English plural's "s").
    /// </summary>
    private static readonly Dictionary<string, string> Catalogue = new(StringComparer.Ordinal)
    {
        // The pipeline and every moderation rule
        ["off for this group"] = "本群已关闭此规则",
        ["not a member's post ({0})"] = "不是成员的发言（{0}）",
        ["not a group post"] = "不是群消息",

        // quiet-hours
        ["{0} outside {1} {2}"] = "{0} 不在休息时间（{1}）内",
        ["urgent: 「{0}」, {1} in {2} {3}"] = "{1} 在休息时间 {2} 内，但含紧急标记「{0}」",
        ["exempt: {0}, {1} in {2} {3}"] = "{1} 在休息时间 {2} 内，但{0}不受休息时间限制",
        ["{0} in {1} {2}"] = "{0} 在休息时间 {1} 内",

        // flood
        ["same text {0}× within {1}"] = "{1}内同一内容发了{0}次",
        ["{0} posts within {1}, over {2}"] = "{1}内发言{0}条，超过{2}条",
        ["{0} post{1}, same text {2}× within {3} (limits {4} posts, {5}×)"] = "{3}内发言{0}条、同一内容{2}次（上限{4}条、{5}次）",

        // length
        ["{0}/{1} chars"] = "{0}字（上限{1}字）",
        ["{0}/{1} chars, shared with a link"] = "{0}字，超过{1}字，但以链接分享",
        ["{0}/{1} chars, no link"] = "{0}字，超过{1}字，且没有使用链接",

        // private-chat
        ["addresses no one"] = "没有@其他成员",
        ["{0}↔{1} {2} turns within {3}"] = "{0}与{1}在{3}内来回对话{2}次",
        ["{0}↔{1} {2} turn{3} within {4}, limit {5}"] = "{0}与{1}在{4}内来回对话{2}次（上限{5}次）",

        // roster
        ["{0} on the roster as {1}"] = "{0}在群名单中",
        ["{0} ({1}) not on the roster, added; no owner to tell"] = "{0}不在群名单中，已加入；本群没有群主可告知",
        ["{0} ({1}) not on the roster, added, owner {2} told"] = "{0}不在群名单中，已加入，并已告知群主{2}",
        ["NamePattern {0} is not a valid expression: {1}"] = "群昵称规则 {0} 不是有效的正则表达式",
        ["NamePattern {0} took over {1} ms on 「{2}」"] = "群昵称规则 {0} 检查「{2}」超时",
        ["nickname 「{0}」 does not match {1}"] = "群昵称「{0}」不符合本群命名规则",
        ["nickname 「{0}」 is not the directory name 「{1}」"] = "群昵称「{0}」与通讯录姓名「{1}」不一致",
        ["{0}; already nudged at an earlier post in this spell"] = "{0}；本次连续发言中已提醒过",
        ["{0}, nudged"] = "{0}，已私信提醒改名",
        ["{0} deleted from the directory, still on the roster; no owner to tell"] = "{0}已从通讯录删除，仍在群名单中；本群没有群主可告知",
        ["{0} deleted from the directory, still on the roster of {1}, owner {2} told"] = "{0}已从通讯录删除，仍在群名单中，已请群主移出",
    };
}
