namespace Bot.Rules.Moderation;

/// <summary>
/// A message folded (<see cref="TextNormalizer"/>) with its separators dropped, so that 「加 微 信」, 「V❤信」 and 「ＶＸ」 read
/// as 加微信, v信 and vx, with where each character came from. Clause ends stay, as <see cref="ClauseEnd"/>, so nothing
/// is read across them; 「＋」 and 「➕」 stand for 加, as spammers write them (「➕V」).
/// </summary>
internal sealed class FoldedText
{
    public const char ClauseEnd = '|';

    private readonly char[] _chars;
    private readonly int[] _positions;

    private FoldedText(char[] chars, int[] positions, int length)
    {
        _chars = chars;
        _positions = positions;
        Length = length;
        Text = new string(chars, 0, length);
    }

    public int Length { get; }

    public string Text { get; }

    public char this[int i] => _chars[i];

    public static FoldedText Of(string text)
    {
        var chars = new char[text.Length];
        var positions = new int[text.Length];
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var f = c is '+' or '＋' or '➕' ? '加' : IsClauseEnd(c) ? ClauseEnd : TextNormalizer.Fold(c);
            if (f == TextNormalizer.Ignorable || (f == ClauseEnd && n > 0 && chars[n - 1] == ClauseEnd)) continue;
            chars[n] = f;
            positions[n++] = i;
        }
        return new FoldedText(chars, positions, n);
    }

    public bool IsClauseEnd(int i) => _chars[i] == ClauseEnd;

    public bool Matches(int i, string word) =>
        i + word.Length <= Length && _chars.AsSpan(i, word.Length).SequenceEqual(word);

    /// <summary>Whether something was skipped between the characters of <c>[i, i + length)</c>: 「微 信」, 「微♥信」.</summary>
    public bool SpreadOut(int i, int length) => length > 1 && _positions[i + length - 1] - _positions[i] + 1 > length;

    public SolicitationHit Hit(int from, int to, string evidence, bool Concrete) =>
        new(_positions[from], _positions[to - 1] + 1 - _positions[from], evidence, Concrete);

    /// <summary>Where the folded span <c>[from, to)</c> lies in the original text, end exclusive.</summary>
    public (int Start, int End) Original(int from, int to) => (_positions[from], _positions[to - 1] + 1);

    /// <summary>The folded span <c>[from, to)</c> as a hit on the original text.</summary>
    public PhraseHit Phrase(int from, int to, BannedCategory category, string evidence) =>
        new(_positions[from], _positions[to - 1] + 1 - _positions[from], category, evidence);

    /// <summary>Where the clause holding folded position <paramref name="i"/> starts.</summary>
    public int ClauseStart(int i)
    {
        while (i > 0 && !IsClauseEnd(i - 1)) i--;
        return i;
    }

    /// <summary>Where the clause holding folded position <paramref name="i"/> ends (its clause mark, or the end).</summary>
    public int ClauseStop(int i)
    {
        while (i < Length && !IsClauseEnd(i)) i++;
        return i;
    }

    private static bool IsClauseEnd(char c) =>
        c is '。' or '！' or '？' or '；' or '，' or '!' or '?' or ';' or ',' or '\n' or '\r';
}
