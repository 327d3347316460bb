using System.Buffers;

namespace Bot.Rules.Moderation;

/// <summary>Where a sentence ends: no word, and no wildcard's gap, is read across one unless it is plainly a disguise.</summary>
internal static class TextBreaks
{
    /// <summary>。！？；, their ASCII forms and line breaks. Not the ellipsis, which people write inside words (「赌…博」).</summary>
    public static readonly SearchValues<char> SentenceEnds = SearchValues.Create("。！？；｡!?;\n\r");
}
