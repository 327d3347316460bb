using System.Globalization;
using Bot.Rules.State;

namespace Bot.Rules.Acknowledgement;

/// <summary>How times, durations, names and notices are written: in Chinese for people, plainly for verdicts.</summary>
internal static class Wording
{
    /// <summary>For people, on the group's clock: "11月25日 09:00".</summary>
    public static string When(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return string.Create(CultureInfo.InvariantCulture, $"{local.Month}月{local.Day}日 {local:HH:mm}");
    }

    /// <summary>For verdicts, on the group's clock: "2026-11-25 09:00".</summary>
    public static string Stamp(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"2小时", "1小时30分钟", "5秒".</summary>
    public static string Duration(TimeSpan span)
    {
        var parts = new List<string>();
        if (span.Days > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{span.Days}天"));
        if (span.Hours > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{span.Hours}小时"));
        if (span.Minutes > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}分钟"));
        if (span.Seconds > 0 || parts.Count == 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{span.Seconds}秒"));
        return string.Concat(parts);
    }

    /// <summary>A notice quoted in short: its first ~30 characters on one line.</summary>
    public static string Short(string text, int length = 30)
    {
        var oneLine = string.Join(' ', text.Split((char[])['\n', '\r', '\t', ' ', '\u3000', '\u2005'], StringSplitOptions.RemoveEmptyEntries));
        var info = new StringInfo(oneLine);
        return info.LengthInTextElements <= length ? oneLine : info.SubstringByTextElements(0, length) + "…";
    }

    /// <summary>"张三、李四、王五", or "张三、李四等12人" when there are more than <paramref name="max"/>.</summary>
    public static string Names(IReadOnlyList<string> userIds, GroupState state, int max = 30)
    {
        var names = string.Join('、', userIds.Take(max).Select(state.NameOf));
        return userIds.Count <= max ? names : string.Create(CultureInfo.InvariantCulture, $"{names}等{userIds.Count}人");
    }

    /// <summary>For verdicts: the first few names, then a count.</summary>
    public static string Brief(IReadOnlyList<string> userIds, GroupState state) =>
        userIds.Count <= 8
            ? string.Join(", ", userIds.Select(state.NameOf))
            : string.Join(", ", userIds.Take(8).Select(state.NameOf)) + string.Create(CultureInfo.InvariantCulture, $" and {userIds.Count - 8} more");

    public static string NameAndDepartment(string userId, GroupState state) =>
        state.People.TryGetValue(userId, out var person) && person.Department.Length > 0
            ? $"{state.NameOf(userId)}（{person.Department}）"
            : state.NameOf(userId);

    /// <summary>
    /// The one line that tells members how to reply so that the bot sees it: 「回复时请 @规则助手：我已知晓，马上照办！」
    /// where WeCom shows the bot only messages that @ it, else just the phrase.
    /// </summary>
    public static string HowToReply(string phrase, GroupState state) =>
        state.Group.MentionRequired
            ? $"回复时请 @{state.Policy.BotName}：{Exclaimed(phrase)}"
            : $"请回复：{Exclaimed(phrase)}";

    /// <summary>The phrase as people are asked to type it, ending with 「！」 as the school writes it.</summary>
    public static string Exclaimed(string phrase) =>
        phrase.Length > 0 && (char.IsPunctuation(phrase[^1]) || char.IsSymbol(phrase[^1])) ? phrase : phrase + "！";
}
