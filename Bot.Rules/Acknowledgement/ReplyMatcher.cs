using Bot.Rules.Pipeline;

namespace Bot.Rules.Acknowledgement;

/// <summary>How a reply reads against the phrase a notice asks for.</summary>
public enum ReplyKind
{
    /// <summary>The phrase, as people really type it: it counts.</summary>
    Phrase,
    /// <summary>
    /// An acknowledgement in substance (「收到」「好的」「👌」「[OK]」, part of the phrase, the phrase inside other words):
    /// it does not count, since the policy asks for the phrase, but the member should be told so at once.
    /// </summary>
    Almost,
    /// <summary>Anything else: another subject, a question, a refusal.</summary>
    Other,
}

/// <param name="Detail">Why, in words for the verdict.</param>
public sealed record ReplyReading(ReplyKind Kind, Explanation Detail);

/// <summary>
/// Reads a reply as a person reads it. The phrase counts when it stands as the reply's own statement: after the usual
/// openers (「好的，」「收到！」「OK」「已阅」, the sender's name, 「周老师：」, 「@王主任」), followed by the usual closers
/// (「（坚决执行）」 in any brackets, 「谢谢」, the phrase typed again) or by the end of a sentence; with emoji, WeCom's
/// emoji codes, punctuation repeated or missing, full-width or traditional characters anywhere; with one character
/// slipped by the input method (「我已知晓，马上照辨」), never one that negates or asks. It does not count inside someone
/// else's sentence (「你们说的我已知晓马上照办是什么意思」), as a question (「我已知晓，马上照办？」), negated
/// (「我不知晓」) or taken back (「…照办，不可能」).
/// </summary>
public static class ReplyMatcher
{
    // The school's wording puts 「（坚决执行）」 after the phrase as optional.
    private static readonly string Optional = ReplyText.Fold("坚决执行");
    private const int MinSlipLength = 6;
    // A short question after the phrase is about the phrase (「…照办，对吗？」); a longer one is other business.
    private const int MaxQuestionTail = 10;
    private static readonly System.Buffers.SearchValues<char> Negations = System.Buffers.SearchValues.Create("不没未别无");
    private static readonly System.Buffers.SearchValues<char> Turning = System.Buffers.SearchValues.Create(ReplyWords.Turning);

    /// <summary>Whether <paramref name="text"/> is a reply with <paramref name="phrase"/>.</summary>
    /// <param name="names">Names the reply may carry as a signature or mention: the sender's, the issuer's.</param>
    public static bool Matches(string text, string phrase, IReadOnlyCollection<string>? names = null) =>
        Read(text, phrase, names).Kind == ReplyKind.Phrase;

    public static ReplyReading Read(string text, string phrase, IReadOnlyCollection<string>? names = null)
    {
        names ??= [];
        var wanted = Wanted(phrase);
        if (wanted.Length == 0) return new(ReplyKind.Other, "the notice asks for no phrase");

        var reply = ReplyText.Of(text, names);
        var known = names.Select(ReplyText.Fold).Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal);
        Explanation? refusal = null;
        var contained = false;
        foreach (var (start, length, slipped) in Occurrences(reply.Core, wanted))
        {
            contained = true;
            if (!Reachable(reply, 0, start, known, ReplyWords.Openers.Contains)[start] && !OwnClause(reply, start))
            {
                // 「请大家回复…」「张老师说：…」「你们说的…」: the phrase is someone else's, asked for or reported.
                if (reply.Core.AsSpan(0, start).IndexOfAny(Turning) >= 0) return new(ReplyKind.Other, "the phrase inside a request, a report or a question");
                refusal ??= "words before the phrase that are not a greeting, a name or an acknowledgement";
                continue;
            }

            var (tail, why) = Tail(reply, start + length, wanted, known);
            switch (tail)
            {
                case TailKind.Counts:
                    return new(ReplyKind.Phrase, slipped ? (Explanation)$"{why}, one character slipped" : why);
                case TailKind.Question or TailKind.TakenBack:
                    return new(ReplyKind.Other, why);
                default:
                    refusal ??= why;
                    break;
            }
        }

        if (contained)
        {
            return reply.Asked || ReplyWords.QuestionWords.Any(reply.Core.Contains) ? new(ReplyKind.Other, "a question about the phrase")
                : Negated(reply) ? new(ReplyKind.Other, refusal!)
                : new(ReplyKind.Almost, $"the phrase among other words: {refusal}");
        }

        return Substance(reply, wanted, known);
    }

    /// <summary>The phrase as the matcher looks for it: folded, without the optional 「坚决执行」.</summary>
    private static string Wanted(string phrase)
    {
        var folded = ReplyText.Fold(phrase);
        return folded.Length > Optional.Length && folded.EndsWith(Optional, StringComparison.Ordinal) ? folded[..^Optional.Length] : folded;
    }

    /// <summary>
    /// Where the phrase stands in the core, as (start, length): exactly; else, for a phrase long enough, with one
    /// Chinese character slipped (replaced, left out or added: 「我以知晓」「已知晓」「我已经知晓」), never by one that
    /// negates, asks or speaks of someone else.
    /// </summary>
    private static IEnumerable<(int Start, int Length, bool Slipped)> Occurrences(string core, string wanted)
    {
        var exact = false;
        for (var at = core.IndexOf(wanted, StringComparison.Ordinal); at >= 0; at = core.IndexOf(wanted, at + 1, StringComparison.Ordinal))
        {
            exact = true;
            yield return (at, wanted.Length, false);
        }

        // One slip leaves one half of the phrase whole: without either half there is nothing to look for.
        if (exact || wanted.Length < MinSlipLength || !Halves(wanted).Any(half => core.Contains(half, StringComparison.Ordinal))) yield break;
        foreach (var length in (int[])[wanted.Length, wanted.Length - 1, wanted.Length + 1])
        {
            for (var start = 0; start + length <= core.Length; start++)
            {
                if (OneSlip(core.AsSpan(start, length), wanted)) yield return (start, length, true);
            }
        }
    }

    private static bool OneSlip(ReadOnlySpan<char> window, string wanted)
    {
        var head = 0;
        while (head < window.Length && head < wanted.Length && window[head] == wanted[head]) head++;
        var tail = 0;
        while (tail < window.Length - head && tail < wanted.Length - head && window[^(tail + 1)] == wanted[^(tail + 1)]) tail++;
        var typed = window[head..^tail];
        var asked = wanted.AsSpan(head, wanted.Length - head - tail);
        if (typed.Length > 1 || asked.Length > 1 || typed.Length + asked.Length == 0) return false;
        return (typed.Length == 0 || (IsHan(typed[0]) && !ReplyWords.Turning.Contains(typed[0])))
            && (asked.Length == 0 || IsHan(asked[0]));
    }

    private enum TailKind { Counts, Question, TakenBack, RunsOn }

    /// <summary>Whether what follows the phrase leaves it a statement of its own.</summary>
    private static (TailKind Kind, Explanation Why) Tail(ReplyText reply, int end, string wanted, HashSet<string> known)
    {
        var core = reply.Core;
        if (reply.GapAfter[end - 1] == Gap.Question) return (TailKind.Question, "asked as a question");

        var reach = Reachable(reply, end, core.Length, known, word => ReplyWords.Closers.Contains(word) || word == wanted);
        if (reach[core.Length])
        {
            return reply.GapAfter[^1] == Gap.Question ? (TailKind.Question, "asked as a question")
                : (TailKind.Counts, end == core.Length ? "the phrase" : "the phrase with a closing word");
        }

        // The phrase, its closers, then a new clause: what the member adds (「明天我请假」) is for the issuer to read.
        for (var p = core.Length - 1; p >= end; p--)
        {
            if (!reach[p] || reply.GapAfter[p - 1] == Gap.None) continue;
            var rest = core[p..];
            if (ReplyWords.TakeBack.Any(rest.StartsWith)) return (TailKind.TakenBack, $"taken back by 「{rest}」");
            if (ReplyWords.ReferBack.Any(rest.StartsWith)) return (TailKind.RunsOn, $"the phrase talked about (「{rest}」)");
            if (AboutThePhrase(reply, p, rest)) return (TailKind.Question, $"asked as a question (「{rest}」)");
            return (TailKind.Counts, "the phrase, then a sentence of its own");
        }

        return (TailKind.RunsOn, "the phrase runs on into other words");
    }

    /// <summary>
    /// Whether the phrase stands as its own clause after words of the member's own: 「王主任辛苦了，」「不好意思，刚下课才
    /// 看到，」「好的没问题，」, or any sentence before it (「我中午已经回复过了，可能没有@你。」). Not when it runs on from
    /// the words before (「大家都回复我已知晓…」), is introduced by a colon (「回复：」 — a signature is an opener), or
    /// its sentence asks for it or reports it (「请各位老师回复，」「张老师说，」).
    /// </summary>
    private static bool OwnClause(ReplyText reply, int start)
    {
        var gap = reply.GapBefore(start);
        if (gap is Gap.None or Gap.Colon) return false;
        var sentence = start;
        while (sentence > 0 && reply.GapAfter[sentence - 1] is not (Gap.Stop or Gap.Question)) sentence--;
        var prelude = reply.Core[sentence..start];
        foreach (var courtesy in ReplyWords.CourtesyWithIntroducer) prelude = prelude.Replace(courtesy, "", StringComparison.Ordinal);
        return !ReplyWords.Introducers.Any(word => prelude.Contains(word, StringComparison.Ordinal));
    }

    /// <summary>
    /// Whether a question after the phrase asks about the phrase (「，对吗？」「，是这样回复吗」) rather than about the
    /// notice's business (「。演练几点开始？」「，请问需要带什么材料吗？」), which leaves the phrase said.
    /// </summary>
    private static bool AboutThePhrase(ReplyText reply, int restStart, string rest)
    {
        if (!(reply.Asked || ReplyWords.QuestionWords.Any(rest.Contains))) return false;
        if (ReplyWords.AboutPhrase.Any(rest.Contains)) return true;
        if (rest.StartsWith(ReplyWords.PoliteAsk, StringComparison.Ordinal)) return false;
        // A question in a sentence of its own is new business; a short one run on after a comma is about what was said.
        return reply.GapAfter[restStart - 1] is not (Gap.Stop or Gap.Question) && rest.Length <= MaxQuestionTail;
    }

    /// <summary>Not the phrase: is it an acknowledgement in substance?</summary>
    private static ReplyReading Substance(ReplyText reply, string wanted, HashSet<string> known)
    {
        var core = reply.Core;
        if (core.Length == 0)
        {
            var emoji = reply.EmojiCodes.Where(ReplyWords.AckEmojiCodes.Contains).Select(code => $"[{code}]")
                .Concat(ReplyWords.AckEmoji.Where(e => reply.Original.Contains(e, StringComparison.Ordinal))).FirstOrDefault();
            return emoji is not null ? new(ReplyKind.Almost, $"the emoji {emoji}") : new(ReplyKind.Other, "no words");
        }

        // Made only of greetings, names and acknowledgements, one of them at least an acknowledgement (「谢谢」 alone is not).
        var reach = Reachable(reply, 0, core.Length, known,
            word => ReplyWords.Acknowledgements.Contains(word) || ReplyWords.Openers.Contains(word) || ReplyWords.Closers.Contains(word));
        var acknowledges = ReplyWords.Acknowledgements.Any(word => core.Contains(word, StringComparison.Ordinal));
        if (reply.Asked) return new(ReplyKind.Other, "a question");
        if (reach[core.Length] && acknowledges) return new(ReplyKind.Almost, "an acknowledgement, not the phrase");

        var part = Halves(wanted).FirstOrDefault(h => core.Contains(h, StringComparison.Ordinal));
        if (part is not null && !Negated(reply)) return new(ReplyKind.Almost, $"part of the phrase (「{part}」)");
        return new(ReplyKind.Other, "not the phrase");
    }

    /// <summary>The phrase's clauses (「我已知晓」, 「马上照办」), each long enough to be recognised on its own.</summary>
    private static IEnumerable<string> Halves(string wanted) =>
        wanted.Length < 4 ? [] : [wanted[..(wanted.Length / 2)], wanted[(wanted.Length / 2)..]];

    private static bool Negated(ReplyText reply) => reply.Core.AsSpan().IndexOfAny(Negations) >= 0;

    /// <summary>
    /// Which positions of the core between <paramref name="from"/> and <paramref name="to"/> can be reached from
    /// <paramref name="from"/> by a run of words: those <paramref name="word"/> accepts, the given names, a titled name
    /// (「周老师」), or a short signature ended by a colon (「三(2)班周敏：」).
    /// </summary>
    private static bool[] Reachable(ReplyText reply, int from, int to, HashSet<string> known, Func<string, bool> word)
    {
        var core = reply.Core;
        var reach = new bool[core.Length + 1];
        reach[from] = true;
        for (var a = from; a < to; a++)
        {
            if (!reach[a]) continue;
            for (var b = a + 1; b <= to && b - a <= ReplyWords.MaxSignature; b++)
            {
                if (reach[b]) continue;
                var piece = core[a..b];
                reach[b] = word(piece) || known.Contains(piece) || Signature(piece, reply.GapAfter[b - 1]);
            }
        }

        return reach;
    }

    private static bool Signature(string piece, Gap after) =>
        piece.AsSpan().IndexOfAny(Turning) < 0 && (after == Gap.Colon || ReplyWords.Titled.IsMatch(piece));

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf';
}
