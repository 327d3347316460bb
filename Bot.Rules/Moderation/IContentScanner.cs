namespace Bot.Rules.Moderation;

/// <summary>
/// Finds banned content in a message's text. <see cref="BannedContentRule"/> depends on this seam rather than on the
/// word matcher itself, so the rule can be read and tested apart from the matcher; <see cref="ContentScanner"/> is the
/// real one.
/// </summary>
public interface IContentScanner
{
    /// <summary>Every hit, on the positions of <paramref name="text"/> as given (not of a normalised copy), in order.</summary>
    IReadOnlyList<ContentHit> Scan(string text);
}

/// <summary>One finding of an <see cref="IContentScanner"/>.</summary>
/// <param name="Start">Where the hit starts in the original text.</param>
/// <param name="Length">How many chars of the original text it covers, separators inserted to evade included.</param>
/// <param name="CategoryKey">The category's stable key, e.g. <c>gambling</c>, used in violations and policy.</param>
/// <param name="CategoryName">The category's Chinese name, e.g. <c>赌博</c>, the only thing the group is told.</param>
/// <param name="Evidence">How it matched, without the matched text: <c>list entry 12</c>, <c>mobile</c>.</param>
/// <param name="Concrete">
/// The hit carries something actionable of its own (a phone number, an ID, an account to add): it is a violation even
/// inside a sentence that forbids things, where a word that only names a forbidden thing is not
/// (<see cref="ProhibitionContext"/>).
/// </param>
/// <param name="GivenAsContact">
/// For a phone number: the words that give it as a contact, the poster's own or a notice's (「我的手机号」, 「联系人」,
/// <see cref="ContactContext"/>); such a number is not a leak.
/// </param>
public sealed record ContentHit(
    int Start, int Length, string CategoryKey, string CategoryName, string Evidence, bool Concrete = false, string? GivenAsContact = null)
{
    public int End => Start + Length;
}
