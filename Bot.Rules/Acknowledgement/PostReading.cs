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

        if (Markers.Find(text, policy.RequestMarkers) is { } request)
        {
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
}
