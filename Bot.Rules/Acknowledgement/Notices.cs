using Bot.Rules.State;

namespace Bot.Rules.Acknowledgement;

/// <summary>Questions asked of notices by more than one rule.</summary>
internal static class Notices
{
    // Fewer characters than this could quote anything ("好的"); a quote must be long enough to say which notice it is.
    private const int MinQuote = 6;

    /// <summary>Still tracking: not closed and not withdrawn. Replies after the reminder or the escalation still count.</summary>
    public static bool IsLive(NoticeStage stage) => stage is NoticeStage.Open or NoticeStage.Reminded or NoticeStage.Escalated;

    public static Duty? DutyOf(NoticeState notice, string userId) =>
        notice.Duties.FirstOrDefault(d => string.Equals(d.UserId, userId, StringComparison.Ordinal));

    /// <summary>The group's live notices posted up to <paramref name="now"/>, oldest first.</summary>
    public static List<NoticeState> Live(GroupState state, string chatId, DateTimeOffset now) =>
        state.OpenNotices
            .Where(n => n.ChatId == chatId && IsLive(n.Stage) && n.PostedAt <= now)
            .OrderBy(n => n.PostedAt).ThenBy(n => n.Id)
            .ToList();

    /// <summary>
    /// The one notice a quote names (the latest when several match), or <c>null</c> when the quote is of something
    /// else: a colleague's reply, the bot's reminder.
    /// </summary>
    public static T? Quoted<T>(string? quote, IEnumerable<T> items, Func<T, string> text, Func<T, DateTimeOffset> postedAt)
        where T : class
    {
        if (quote is null) return null;
        var q = ReplyText.Fold(Mentions.Strip(quote, []));
        if (q.Length == 0) return null;

        return items
            .Where(item => QuoteMatches(q, ReplyText.Fold(Mentions.Strip(text(item), []))))
            .OrderByDescending(postedAt)
            .FirstOrDefault();
    }

    /// <summary>WeCom may shorten a quote, or prefix it with the sender's name: either way one holds the other.</summary>
    private static bool QuoteMatches(string quote, string notice) =>
        notice.Length > 0 && (quote == notice
            || (quote.Length >= MinQuote && notice.Contains(quote, StringComparison.Ordinal))
            || quote.Contains(notice, StringComparison.Ordinal));

    /// <summary>Whether closing this member's duty leaves nobody owing anything.</summary>
    public static bool LastOpenDuty(NoticeState notice, string userId) =>
        notice.Duties.All(d => d.Closed || string.Equals(d.UserId, userId, StringComparison.Ordinal));
}
