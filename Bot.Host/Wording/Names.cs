using Bot.Rules.Moderation;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;

namespace Bot.Host.Wording;

/// <summary>
/// The Chinese a school office reads for every machine name the bot keeps: rules, outcomes, modes, categories, stages,
/// roles. The admin API keeps the machine names; every page shows these. An unknown name is shown as it is, never hidden.
/// </summary>
public static class Names
{
    /// <summary>Every rule of the pipeline, in its order, with what it checks.</summary>
    public static IReadOnlyList<(string Rule, string Name, string Checks)> Rules { get; } =
    [
        ("roster", "群名单与实名", "未在名单中的发言者加入名单并告知群主；群昵称须为真实姓名"),
        ("banned-content", "违禁内容", "广告、谣言、淫秽、赌博等违禁内容：@提醒撤回，计一次警告"),
        ("quiet-hours", "休息时间", "休息时间内发言：私信提醒发言人"),
        ("flood", "刷屏", "短时间内多次发言或重复同一内容"),
        ("private-chat", "群内私聊", "两人在群里来回对话：建议私聊"),
        ("length", "消息长度", "超过字数上限的消息：建议改用链接"),
        ("commands", "指令", "统计、未回复、帮助、撤销等对机器人的指令"),
        ("acknowledgement", "回复确认", "成员按要求回复通知、作情况说明"),
        ("rectification", "整改", "检查通报点名的成员回复并提交整改情况"),
        ("notice", "通知", "识别需要回复的通知并开始跟踪"),
        ("posting-route", "推送途径", "在机器人无法推送的群里发布通知时，立即私信告知发布人"),
    ];

    public static string Rule(string rule) => Rules.FirstOrDefault(r => r.Rule == rule).Name ?? rule;

    public static string Outcome(Outcome outcome) => outcome switch
    {
        Bot.Rules.Pipeline.Outcome.Hit => "命中",
        Bot.Rules.Pipeline.Outcome.Pass => "通过",
        _ => "未检查",
    };

    public static string Mode(RuleMode mode) => mode switch
    {
        RuleMode.Off => "关闭",
        RuleMode.Observe => "观察",
        _ => "执行",
    };

    /// <summary>What each mode does, as the policy form explains it.</summary>
    public static string ModeMeaning(RuleMode mode) => mode switch
    {
        RuleMode.Off => "不检查",
        RuleMode.Observe => "只记录，不提醒任何人，不计警告",
        _ => "记录并提醒",
    };

    /// <summary>A violation's category: a banned category's name, or the rule's own kind of violation.</summary>
    public static string Category(string key) =>
        BannedCategories.TryParseKey(key, out var category) ? category.DisplayName() : key switch
        {
            "privacy" => "隐私信息",
            "quiet-hours" => "休息时间发言",
            "flood" => "刷屏",
            "length" => "超长消息",
            "private-chat" => "群内私聊",
            "nickname" => "非实名昵称",
            "allow" => "白名单",
            _ => key,
        };

    public static string Stage(NoticeStage stage) => stage switch
    {
        NoticeStage.Open => "等待回复",
        NoticeStage.Reminded => "已提醒，等待说明",
        NoticeStage.Escalated => "已上报负责人",
        NoticeStage.Closed => "已完成",
        _ => "已撤销",
    };

    public static string Stage(string stage) => Enum.TryParse<NoticeStage>(stage, out var known) ? Stage(known) : stage;

    public static string Role(string? role) => role switch
    {
        null or "" => "",
        "principal" => "校长",
        "admin" => "管理员",
        _ => role,
    };

    public static string WordKind(string kind) => kind switch
    {
        "plain" => "普通",
        "wildcard" => "通配",
        "regex" => "正则",
        _ => kind,
    };

    public static string Issuers(IssuerScope scope) => scope switch
    {
        IssuerScope.Anyone => "任何成员",
        IssuerScope.Owner => "仅群主",
        _ => "群主和指定的发布人",
    };

    public static string OutboxKind(string kind) => kind switch
    {
        "webhook" => "群消息",
        "private" => "私信",
        "response" => "回复消息",
        _ => kind,
    };

    public static string Day(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "周一",
        DayOfWeek.Tuesday => "周二",
        DayOfWeek.Wednesday => "周三",
        DayOfWeek.Thursday => "周四",
        DayOfWeek.Friday => "周五",
        DayOfWeek.Saturday => "周六",
        _ => "周日",
    };

    /// <summary>The week as a school reads it: Monday first.</summary>
    public static IReadOnlyList<DayOfWeek> Week { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];
}
