using Bot.Rules.Policy;

namespace Bot.Rules.Acknowledgement;

public enum PostKind
{
    /// <summary>Neither a notice nor an inspection.</summary>
    None,
    /// <summary>Carries a no-reply marker: the issuer said nobody need answer.</summary>
    NoReply,
    /// <summary>Asks for the acknowledgement phrase.</summary>
    Notice,
    /// <summary>Names members whose work has problems and asks for the rectification phrase.</summary>
    Inspection,
}

/// <summary>
/// What a post asks of its readers, read once so that the notice and rectification rules never both claim a message.
/// </summary>
/// <param name="Marker">The marker that decided the reading, or a short reason when none did.</param>
/// <param name="Phrase">For a notice, the phrase it asks for.</param>
public sealed record PostReading(PostKind Kind, string Marker, string Phrase)
{
    public static PostReading Of(string text, GroupPolicy policy)
    {
        // The issuer's own word wins: 「此条信息不必回复」 means nobody is tracked, whatever else the post says.
        if (Markers.Find(text, policy.NoReplyMarkers) is { } noReply) return new(PostKind.NoReply, noReply, "");

        // Someone typing back the rectification phrase mentions 「整改」 but reports nothing.
        if (RectificationRule.IsPhrase(text, policy.RectificationPhrase)) return new(PostKind.None, "rectification phrase", "");

        if (Markers.First(text, policy.RequestMarkers) is { } found)
        {
            var request = found.Marker;
            // 「提醒一下：上面的通知要求“收到请回复：…”，还没回复的老师抓紧」 and 「这个通知是收到请回复…吗？」 speak of a notice:
            // taking them for a new one would ask again those who already answered, and name them.
            if (Quoted(text, found.Index)) return new(PostKind.None, $"「{request}」 quoted, not asked", "");
            if (Asked(text)) return new(PostKind.None, $"「{request}」 in a question", "");
            var phrase = AckPhrase.Requested(text, policy);
            // Copying the notice's last line as the reply is an acknowledgement, not a new notice.
            if (ReplyMatcher.Matches(text, phrase)) return new(PostKind.None, "echo of the phrase", phrase);
            // 「收到请回复：存在问题我已清楚，将立即整改！」 is how an inspector asks for the rectification phrase.
            return ReplyMatcher.Matches(phrase, policy.RectificationPhrase)
                ? new(PostKind.Inspection, request, policy.RectificationPhrase)
                : new(PostKind.Notice, request, phrase);
        }

        return Markers.Find(text, policy.InspectionMarkers) is { } inspection
            ? new(PostKind.Inspection, inspection, policy.RectificationPhrase)
            : new(PostKind.None, "no marker", "");
    }

    private static readonly char[] OpeningQuotes = ['“', '"', '「', '『', '‘', '\''];

    /// <summary>Whether the marker at <paramref name="index"/> stands in quotation marks: cited, not asked.</summary>
    private static bool Quoted(string text, int index)
    {
        var before = text.AsSpan(0, index).TrimEnd();
        return before.Length > 0 && OpeningQuotes.Contains(before[^1]);
    }

    /// <summary>Whether the post is a question (it ends asking): a notice never does.</summary>
    private static bool Asked(string text) => text.TrimEnd() is { Length: > 0 } trimmed && trimmed[^1] is '?' or '？';
}
