using System.Globalization;

namespace Bot.Rules.Moderation;

/// <summary>Why an entry cannot go into a word list, for the admin API (English) and for people (Chinese).</summary>
public sealed record WordProblem(string English, string Chinese);

/// <summary>
/// The one validation of word-list entries: the admin API, the dashboard, every list loader (the shipped lists, an
/// import, the database rows a matcher is built from) and the benchmark's list all check an entry here, against the
/// engine and options the live matcher uses, so an entry that passes builds and one that would break the matcher is
/// refused with its reason.
/// </summary>
public static class WordEntryRules
{
    /// <summary>Shortest entry, in folded characters: one character (「q」 from 「q\x7f」) matches nearly every message.</summary>
    public const int MinimumLength = 2;

    public const int MaxPatternLength = 200;

    public static WordProblem? Check(string pattern, WordKind kind, bool allowList = false)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Length == 0) return new("is required", "词条不能为空");
        if (pattern.Length > MaxPatternLength)
            return new($"must be at most {MaxPatternLength} characters", $"词条最多 {MaxPatternLength} 个字符");
        foreach (var c in pattern)
        {
            if (char.IsControl(c))
            {
                var code = string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}");
                return new($"contains the control character {code}", $"含有控制字符 {code}");
            }
        }
        if (allowList && kind != WordKind.Plain) return new("allow-list entries are plain words", "白名单只能是普通词条");
        return kind switch
        {
            WordKind.Plain => Words([pattern]),
            WordKind.Wildcard when !pattern.Contains('*', StringComparison.Ordinal) =>
                new("a wildcard entry joins pieces with *, e.g. 加*微信", "通配词条用 * 连接各部分，例如 加*微信"),
            WordKind.Wildcard => Words(pattern.Split('*').Where(p => TextNormalizer.Normalize(p).Length > 0).ToArray()),
            WordKind.Regex => RegexEntry.Problem(pattern),
            _ => new($"kind {kind} is unknown", "未知的词条类型"),
        };
    }

    /// <summary>A plain word, or the pieces of a wildcard: long enough together, no piece a lone Latin letter.</summary>
    private static WordProblem? Words(IReadOnlyList<string> pieces)
    {
        var folded = pieces.Select(p => TextNormalizer.Normalize(p)).ToList();
        var length = folded.Sum(f => f.Length);
        if (length < MinimumLength)
        {
            var shown = string.Concat(folded);
            return new($"folds to '{shown}', shorter than the list's minimum of {MinimumLength} characters",
                $"规范化后为「{shown}」，短于词库的最短长度 {MinimumLength} 个字");
        }
        if (folded.FirstOrDefault(f => f.Length == 1 && char.IsAsciiLetter(f[0])) is { } letter)
            return new($"has a piece of one Latin letter ('{letter}'), which would match nearly anywhere", $"含有单个字母「{letter}」，几乎每条消息都会命中");
        if (folded.Any(f => f.Length > WordMatcher.MaxWordLength))
            return new($"is longer than {WordMatcher.MaxWordLength} characters once folded", $"规范化后超过 {WordMatcher.MaxWordLength} 个字");
        return null;
    }
}
