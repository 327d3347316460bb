namespace Bot.Host.Wording;

/// <summary>Each policy setting's name in the policy's JSON (camelCase) and in the office's words.</summary>
public static class PolicyLabels
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["timeZone"] = "时区",
        ["replyWindow"] = "回复期限",
        ["explanationWindow"] = "情况说明期限",
        ["requestMarkers"] = "需回复的标记",
        ["noReplyMarkers"] = "无需回复的标记",
        ["ackPhrase"] = "回复用语",
        ["explanationMarkers"] = "情况说明的标记",
        ["issuers"] = "谁可以发布通知",
        ["exemptMembers"] = "免回复成员",
        ["announceEscalations"] = "上报后在群里告知",
        ["announceTracking"] = "开始统计时在群里说明",
        ["phraseHints"] = "私信提示回复用语",
        ["botName"] = "机器人名字",
        ["inspectionMarkers"] = "检查通报的标记",
        ["rectificationPhrase"] = "整改回复用语",
        ["rectificationWindow"] = "整改期限",
        ["evidenceMarkers"] = "整改情况的标记",
        ["quietHours"] = "休息时间",
        ["urgencyMarkers"] = "紧急标记",
        ["quietHoursExempt"] = "不受休息时间限制的成员",
        ["maxLength"] = "消息字数上限",
        ["floodRepeats"] = "同一内容重复上限",
        ["floodPosts"] = "发言条数上限",
        ["floodWindow"] = "刷屏统计时长",
        ["privateChatTurns"] = "两人来回对话上限",
        ["privateChatWindow"] = "私聊统计时长",
        ["recallWindow"] = "撤回期限",
        ["strikeLimit"] = "警告次数上限",
        ["strikeWindow"] = "警告统计期",
        ["namePattern"] = "群昵称规则",
        ["modes"] = "规则模式",
    };

    public static string Of(string key) => Labels.TryGetValue(key, out var label) ? label : key;

    /// <summary>What a setting must be, said after its name when a value is refused: 「回复期限」须为大于0的时长.</summary>
    public static string Expected(string key) => key switch
    {
        _ when !Labels.ContainsKey(key) => "不是规则设置",
        "timeZone" => "须为时区名称，例如 Asia/Shanghai",
        "replyWindow" or "explanationWindow" or "rectificationWindow" or "floodWindow" or "privateChatWindow" or "strikeWindow" or "recallWindow"
            => "须为大于0的时长",
        "maxLength" or "strikeLimit" => "须为正整数",
        "floodRepeats" or "floodPosts" or "privateChatTurns" => "须为不小于2的整数",
        "requestMarkers" => "至少要有一个标记",
        "ackPhrase" => "不能为空",
        "quietHours" => "每段休息时间的开始和结束不能相同",
        "namePattern" => "须为有效的正则表达式，或留空",
        "modes" => "的规则名称或模式无效（模式为 Off、Observe 或 Enforce）",
        _ => "的值无效",
    };
}
