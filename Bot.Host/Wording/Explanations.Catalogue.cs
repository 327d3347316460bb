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
        ["{0}: not counted as flooding"] = "这是{0}，不算刷屏",
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

        // posting-route ({0} of the last is the post's kind, 「notice」 or 「inspection」)
        ["posts through {0}"] = "本群可推送：{0}",
        ["no posting route ({0}); the post asks nothing of anyone"] = "本群无法推送（{0}），但这条消息不要求任何人回复",
        ["no posting route; {0} may not issue notices here"] = "本群无法推送；{0}不能在本群发布通知",
        ["{0} 「{1}」 in a group without a posting route ({2}): {3} told"] = "{0}（「{1}」）发在无法推送的群（{2}）：已私信告知{3}",

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

        // banned-content
        ["0 hits in {0} chars{1}"] = "未发现违禁内容（共{0}字）{1}",
        ["; {0} named in a prohibition, not counted: {1}"] = "；{0}处出现在禁止、提醒的话里，不算违规：{1}",
        ["; {0} given as a contact, not counted: {1}"] = "；{0}处是留给别人的联系方式，不算违规：{1}",
        ["{0} {1} with 「{2}」"] = "{0}{1}（前有「{2}」）",
        ["at {0}+{1} 「{2}」{3}"] = "「{2}」",
        [" ({0})"] = "",
        ["{0} {1}: {2}"] = "{1}：{2}",
        ["{0} hit{1} in {2} chars; {3}{4}; strike {5}/{6} within {7}"] = "发现{0}处违禁内容：{3}{4}；{7}内第{5}次警告（上限{6}次）",
        ["{0}{1}"] = "{0}{1}",
        ["; limit reached, the group has no owner to tell"] = "；已达警告上限，本群没有群主可告知",
        ["; limit reached by the group owner, no one to tell"] = "；群主本人达到警告上限，无人可告知",
        ["; limit reached, owner {0} told"] = "；已达警告上限，已私信告知群主{0}",

        // commands
        ["not a group message"] = "不是群消息",
        ["not a command"] = "不是指令",
        ["「{0}」: the command list"] = "「{0}」：回复使用说明",
        ["「{0}」 from {1}: no notice #{2} in this group"] = "{1}发的「{0}」：本群没有通知 #{2}",
        ["「{0}」 from {1}: no live notice"] = "{1}发的「{0}」：当前没有可撤销的通知",
        ["「{0}」 from {1}: no notice yet"] = "{1}发的「{0}」：本群还没有需要回复的通知",
        ["「{0}」 from {1}: notice #{2} cancelled"] = "{1}发的「{0}」：通知 #{2} 已撤销",
        ["「{0}」 from {1}, who is neither the notice's issuer, the owner, an administrator nor a supervisor here: told privately who may"] =
            "{1}发了「{0}」，但不是通知发布人、群主、管理员或本群老师的负责人：已私信说明谁可以使用",
        ["「{0}」 from {1}: notice #{2} ({3}), {4} on time, {5} late, {6} explained, {7} pending of {8}"] =
            "{1}发的「{0}」：通知 #{2}（{3}），{8}人中按时回复{4}人、逾期{5}人、情况说明{6}人、未回复{7}人",

        // notice
        ["no-reply marker 「{0}」"] = "含无需回复的标记「{0}」，不跟踪",
        ["inspection post (「{0}」), tracked by rectification"] = "检查通报（「{0}」），由整改规则跟踪",
        ["no request marker in {0} chars"] = "没有需回复的标记（共{0}字）",
        ["not a notice: {0}"] = "不是通知：{0}",
        ["request marker 「{0}」 from {1}, who may not issue notices ({2})"] = "{1}的消息含「{0}」，但{1}不能发布通知（{2}）",
        ["request marker 「{0}」 from {1}, but nobody to ask{2}"] = "{1}的通知含「{0}」，但没有需要回复的成员{2}",
        [" ({0} outside quiet hours {1})"] = "（{0}不计休息时间 {1}）",
        ["opened for {0} members{1} by {2}, phrase 「{3}」, deadline {4}{5}{6}"] = "开始跟踪{2}的通知：{0}人{1}须回复「{3}」，{4}截止{5}{6}",
        [" (@-mentioned)"] = "（被@的成员）",
        ["{0}; tracking announced"] = "{0}；已在群里说明",
        [", unresolved mentions: {0}"] = "；找不到这些被@的人：{0}",
        ["only the group owner may issue"] = "本群仅群主可以发布",
        ["only the owner and {0} listed issuers may issue"] = "本群仅群主和{0}位指定发布人可以发布",
        ["anyone may issue"] = "任何成员都可以发布",
        [""] = "",

        // rectification
        ["「{0}」 from {1} answers {2} inspection(s): {3}; evidence due {4}"] = "{1}回复了「{0}」，对应{2}条检查通报（{3}）；整改情况须在{4}前提交",
        ["{0} from {1} is rectification evidence for {2}"] = "{1}发来的{0}算作{2}的整改情况",
        ["an image"] = "图片",
        ["a file"] = "文件",
        ["a mixed post"] = "图文消息",
        ["text with 「{0}」"] = "含「{0}」的文字",
        ["{0} owes 「{1}」 for {2}; this message is not it"] = "{0}尚未就{2}回复「{1}」，这条消息不是",
        ["{0} owes rectification evidence for {1}; this message is neither an image, a file nor text with 「{2}」"] =
            "{0}尚未提交{1}的整改情况；这条消息不是图片、文件，也不含「{2}」",
        ["no inspection marker and no open rectification for {0}"] = "不是检查通报，{0}也没有待完成的整改",
        ["inspection marker 「{0}」 from {1}, who may not issue inspections ({2})"] = "{1}的消息含「{0}」，但{1}不能发布检查通报（{2}）",
        ["inspection marker 「{0}」 from {1} names no member{2}"] = "{1}的检查通报「{0}」没有点名任何成员{2}",
        ["inspection 「{0}」 by {1} names {2} member(s) for a problem: {3}; phrase 「{4}」 due {5}{6}"] =
            "{1}的检查通报「{0}」点名{2}人存在问题：{3}；须在{5}前回复「{4}」{6}",
        ["inspection 「{0}」 by {1} names nobody for a problem{2}"] = "{1}的检查通报「{0}」没有点名任何人存在问题{2}",
        ["; praised, not tracked: {0}"] = "；受表扬，不跟踪：{0}",
        ["; unclear, not tracked: {0}"] = "；未能判断是否存在问题，不跟踪：{0}",

        // acknowledgement
        ["no open notice awaits a reply from {0} ({1} live)"] = "没有等待{0}回复的通知",
        ["{0} owes {1} notice(s) ({2}); this message is not a reply ({3})"] = "{0}还有{1}条通知要回复（{2}）；这条消息不算回复：{3}",
        ["{0} quoted a notice already answered"] = "{0}引用的通知已经回复过",
        ["「{0}」 from {1} ({2}) covers {3} notice(s): {4}{5}"] = "{1}回复了「{0}」（{2}），登记为{3}条通知的回复：{4}{5}",
        [" (quoted)"] = "（引用了通知）",
        ["{0}; late on {1}"] = "{0}；逾期：{1}",
        ["#{0} (deadline {1})"] = "#{0}（截止{1}）",
        ["explanation 「{0}」 from {1} covers {2} reminded notice(s): {3}"] = "{1}作了情况说明（「{0}」），登记{2}条已提醒的通知：{3}",
        ["the phrase inside an explanation (「{0}」)"] = "情况说明里说了回复用语（「{0}」）",
        ["{0}, with the previous message 「{1}」"] = "{0}（与上一条消息「{1}」连起来读）",
        ["{0}; {1}"] = "{0}；{1}",
        ["「{0}」 from {1} is not 「{2}」 ({3}): not counted for {4}"] = "{1}的「{0}」不是「{2}」（{3}），不算{4}的回复",
        ["{0}; hints are off for this group"] = "{0}；本群不发提示",
        ["{0}; already told which words count"] = "{0}；已私信提示过应回复的话",
        ["{0}; told privately which words count"] = "{0}；已私信告知应回复的话",
        ["the notice asks for no phrase"] = "通知没有要求回复用语",
        ["the phrase inside a request, a report or a question"] = "回复用语出现在请求、转述或问句里",
        ["words before the phrase that are not a greeting, a name or an acknowledgement"] = "回复用语前面有其他的话（不是称呼、姓名或「收到」之类）",
        ["{0}, one character slipped"] = "{0}，有一个字打错",
        ["a question about the phrase"] = "是关于回复用语的提问",
        ["the phrase among other words: {0}"] = "回复用语夹在其他话里：{0}",
        ["the emoji {0}"] = "只有表情 {0}",
        ["no words"] = "没有文字",
        ["a question"] = "是提问",
        ["an acknowledgement, not the phrase"] = "是「收到」一类的确认，不是要求的回复用语",
        ["part of the phrase (「{0}」)"] = "只有回复用语的一部分（「{0}」）",
        ["not the phrase"] = "不是要求的回复用语",
        ["asked as a question"] = "以问句说出",
        ["the phrase"] = "回复用语",
        ["the phrase with a closing word"] = "回复用语加结束语",
        ["taken back by 「{0}」"] = "后面的「{0}」收回了回复",
        ["the phrase talked about (「{0}」)"] = "在谈论回复用语（「{0}」）",
        ["asked as a question (「{0}」)"] = "以问句说出（「{0}」）",
        ["the phrase, then a sentence of its own"] = "回复用语，后面另有一句话",
        ["the phrase runs on into other words"] = "回复用语后面接着其他的话",

        // quiet hours: what answers rather than posts
        ["{0}, {1} in {2} {3}: answering is not posting"] = "{1} 在休息时间 {2} 内，但这是{0}，不算发言",
        ["a command for the bot (「{0}」)"] = "对机器人的指令（「{0}」）",
        ["a reply to notice #{0}"] = "对通知 #{0} 的回复",
        ["an explanation (情况说明) for notice #{0}"] = "对通知 #{0} 的情况说明",
        ["an answer to rectification #{0}"] = "对整改 #{0} 的回复",
    };
}
