using System.Globalization;
using System.Text;

namespace Bot.Rules.Messaging;

/// <summary>A group member to @-mention: the id goes in <c>mentioned_list</c>, the name in the text.</summary>
public sealed record Mention(string UserId, string DisplayName);

/// <summary>One message's worth: its text and the user ids it mentions.</summary>
public sealed record MentionChunk(string Content, IReadOnlyList<string> MentionedUserIds);

/// <summary>
/// Splits a long @-mention list over as many messages as WeCom's byte limit needs. The first message carries the header;
/// later ones "（续 i/n）" and the header's first line. Names are never cut, each member (by user id) is mentioned exactly
/// once, and every content fits in the limit in UTF-8. Linear in the number of members.
/// </summary>
public static class MentionSplitter
{
    /// <summary>WeCom's limit for a group robot's <c>text.content</c>.</summary>
    public const int DefaultMaxBytes = 2048;

    /// <summary>A continuation repeats at most this much of the header's first line, so the repeat never crowds out the names.</summary>
    internal const int MaxTitleBytes = 120;

    private static readonly Encoding Utf8 = Encoding.UTF8;

    public static IReadOnlyList<MentionChunk> Split(string header, IReadOnlyList<Mention> members, int maxBytes = DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(members);
        var headerBytes = Utf8.GetByteCount(header);
        if (headerBytes > maxBytes)
        {
            throw new ArgumentException($"The header alone is {headerBytes} bytes, over the {maxBytes}-byte limit.", nameof(header));
        }

        var tokens = Tokens(members);
        if (tokens.Count == 0)
        {
            return [new MentionChunk(header, [])];
        }

        var title = Title(header);

        // A continuation's prefix grows with the digits of the chunk count, which is known only after packing: reserve
        // room for d digits, and pack again with more if the count turned out to need them (at most once or twice).
        for (var digits = 1; ; digits++)
        {
            var reserved = Utf8.GetByteCount(Continuation(new string('9', digits), new string('9', digits), title));
            var ranges = Pack(tokens, headerBytes, reserved, maxBytes);
            if (ranges.Count.ToString(CultureInfo.InvariantCulture).Length <= digits)
            {
                return Render(header, title, tokens, ranges);
            }
        }
    }

    private static List<(string UserId, string Text, int Bytes)> Tokens(IReadOnlyList<Mention> members)
    {
        var seen = new HashSet<string>(members.Count, StringComparer.Ordinal);
        var tokens = new List<(string, string, int)>(members.Count);
        foreach (var member in members)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(member.UserId, nameof(members));
            if (seen.Add(member.UserId))
            {
                var text = "@" + (string.IsNullOrWhiteSpace(member.DisplayName) ? member.UserId : member.DisplayName);
                tokens.Add((member.UserId, text, Utf8.GetByteCount(text)));
            }
        }

        return tokens;
    }

    /// <summary>Greedy packing into [start, end) ranges of tokens; the first chunk's prefix is the header.</summary>
    private static List<(int Start, int End)> Pack(
        List<(string UserId, string Text, int Bytes)> tokens, int headerBytes, int continuationBytes, int maxBytes)
    {
        var ranges = new List<(int, int)>();
        var start = 0;
        var used = headerBytes;
        for (var i = 0; i < tokens.Count; i++)
        {
            // A newline after a non-empty prefix, a space between names.
            var needed = (i > start || used > 0 ? 1 : 0) + tokens[i].Bytes;
            if (used + needed <= maxBytes)
            {
                used += needed;
                continue;
            }

            if (i == start && ranges.Count > 0)
            {
                throw new ArgumentException($"The mention \"{tokens[i].Text}\" does not fit in {maxBytes} bytes.");
            }

            // Close the chunk (the first may close with the header alone if the header left no room) and retry this name.
            ranges.Add((start, i));
            start = i;
            used = continuationBytes;
            i--;
        }

        ranges.Add((start, tokens.Count));
        return ranges;
    }

    private static List<MentionChunk> Render(
        string header, string title, List<(string UserId, string Text, int Bytes)> tokens, List<(int Start, int End)> ranges)
    {
        var chunks = new List<MentionChunk>(ranges.Count);
        var total = ranges.Count.ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        for (var c = 0; c < ranges.Count; c++)
        {
            var (start, end) = ranges[c];
            text.Clear().Append(c == 0 ? header : Continuation((c + 1).ToString(CultureInfo.InvariantCulture), total, title));
            var ids = new string[end - start];
            for (var i = start; i < end; i++)
            {
                if (text.Length > 0)
                {
                    text.Append(i == start ? '\n' : ' ');
                }

                text.Append(tokens[i].Text);
                ids[i - start] = tokens[i].UserId;
            }

            chunks.Add(new MentionChunk(text.ToString(), ids));
        }

        return chunks;
    }

    private static string Continuation(string index, string total, string title) =>
        $"（续 {index}/{total}）{title}";

    /// <summary>The header's first line, cut at a character boundary to <see cref="MaxTitleBytes"/> with "…".</summary>
    private static string Title(string header)
    {
        var newline = header.IndexOfAny(['\r', '\n']);
        var line = newline < 0 ? header : header[..newline];
        if (Utf8.GetByteCount(line) <= MaxTitleBytes)
        {
            return line;
        }

        var cut = new StringBuilder();
        var bytes = Utf8.GetByteCount("…");
        foreach (var rune in line.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > MaxTitleBytes)
            {
                break;
            }

            bytes += rune.Utf8SequenceLength;
            cut.Append(rune.ToString());
        }

        return cut.Append('…').ToString();
    }
}
