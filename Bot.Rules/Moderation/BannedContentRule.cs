using System.Globalization;
using Bot.Rules.Messages;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;

namespace Bot.Rules.Moderation;

/// <summary>
/// 严禁……广告、不实谣言、淫秽段子、封建迷信、反动言论……群主应第一时间给予制止、批评，并责令删除……性质严重者可踢出该群.
/// The bot cannot delete a post, so it @-warns the poster in the group to recall (撤回) it, naming the category and never
/// the words; each such post is a strike, and the strike that reaches <see cref="GroupPolicy.StrikeLimit"/> within
/// <see cref="GroupPolicy.StrikeWindow"/> (and every one after it) recommends removal to the group owner, privately.
/// </summary>
/// <param name="scanner">
/// Asked once per message for the scanner to use: the word lists are reloaded without a restart, so the host swaps
/// the scanner behind this function and each message sees one whole list, the newest at the time it arrives. A
/// function keeps the rule stateless and the pipeline's contracts (<see cref="IRule"/>, <see cref="GroupState"/>) as they are.
/// </param>
public sealed class BannedContentRule(Func<IContentScanner> scanner) : IRule
{
    public string Name => "banned-content";

    public RuleMode DefaultMode => RuleMode.Enforce;

    public RuleResult Evaluate(InboundMessage message, GroupState state, DateTimeOffset now)
    {
        if (!MemberPosts.IsMemberPost(message)) return RuleResult.Pass(Name, MemberPosts.NotAPost(message));

        var text = message.Text;
        var judgement = ContentJudgement.Of(scanner(), text);
        var hits = judgement.Hits;
        var excused = Excused(text, judgement.Excused);
        if (hits.Count == 0) return RuleResult.Pass(Name, $"0 hits in {text.Length} chars{excused}");

        var policy = state.Policy;
        var categories = hits.GroupBy(hit => hit.CategoryKey, StringComparer.Ordinal).ToList();
        var names = string.Join("、", categories.Select(c => c.First().CategoryName));
        var effects = new List<Effect>
        {
            new PostToGroup(
                message.ChatId,
                $"{state.NameOf(message.SenderId)}，您发布的消息含有{names}类违规内容，违反本群规定，请在{ModerationText.Chinese(policy.RecallWindow)}内撤回。",
                [message.SenderId],
                $"{Name}: {names}"),
        };

        // One violation per category keeps each category countable on the dashboard; one strike per post.
        var evidence = new List<Explanation>(categories.Count);
        foreach (var category in categories)
        {
            var found = Explanation.Join(", ", category.Select(hit => Evidence(text, hit)));
            Explanation line = $"{category.Key} {category.First().CategoryName}: {found}";
            evidence.Add(line);
            effects.Add(new RecordViolation(Name, category.Key, line, Strike: evidence.Count == 1));
        }

        var strikes = state.SenderStrikes + 1;
        Explanation detail = $"{hits.Count} hit{(hits.Count == 1 ? "" : "s")} in {text.Length} chars; {Explanation.Join("; ", evidence)}{excused}; strike {strikes}/{policy.StrikeLimit} within {policy.StrikeWindow}";
        if (strikes >= policy.StrikeLimit)
        {
            detail = $"{detail}{Escalate(message, state, strikes, names, evidence, effects)}";
        }

        return new RuleResult(Verdict.Hit(Name, detail), effects);
    }

    /// <summary>
    /// Why hits did not count: <c>; 2 named in a prohibition, not counted: gambling at 6+2 「赌*」 with 「不得」</c>, and
    /// <c>; 1 given as a contact, not counted: leak at 5+11 「1**********」 (mobile) with 「我的手机号」</c>.
    /// </summary>
    private static Explanation Excused(string text, IReadOnlyList<ExcusedHit> excused)
    {
        var (named, contacts) = (excused.Where(e => !e.Contact).ToList(), excused.Where(e => e.Contact).ToList());
        Explanation namedWhy = named.Count == 0 ? "" : $"; {named.Count} named in a prohibition, not counted: {Hits(text, named)}";
        Explanation contactWhy = contacts.Count == 0 ? "" : $"; {contacts.Count} given as a contact, not counted: {Hits(text, contacts)}";
        return contacts.Count == 0 ? namedWhy : named.Count == 0 ? contactWhy : $"{namedWhy}{contactWhy}";
    }

    private static Explanation Hits(string text, List<ExcusedHit> excused) =>
        Explanation.Join(", ", excused.Select(e => (Explanation)$"{e.Hit.CategoryKey} {Evidence(text, e.Hit)} with 「{e.Marker}」"));

    /// <summary>Where and what was found, the words masked: <c>at 3+2 「赌*」 (list entry 12)</c>.</summary>
    private static Explanation Evidence(string text, ContentHit hit)
    {
        var masked = ModerationText.Mask(text, hit.Start, hit.Length);
        var how = hit.Evidence;
        // The scanner's note is meant to be free of the matched text; make sure, as the evidence is shown to people.
        if (hit.Length > 1 && hit.Start >= 0 && hit.Start + hit.Length <= text.Length)
        {
            how = how.Replace(text.Substring(hit.Start, hit.Length), masked, StringComparison.Ordinal);
        }

        return $"at {hit.Start}+{hit.Length} 「{masked}」{(how.Length > 0 ? (Explanation)$" ({how})" : "")}";
    }

    private Explanation Escalate(InboundMessage message, GroupState state, int strikes, string names, List<Explanation> evidence, List<Effect> effects)
    {
        var owner = state.Group.Owner;
        if (string.IsNullOrEmpty(owner)) return "; limit reached, the group has no owner to tell";
        if (string.Equals(owner, message.SenderId, StringComparison.Ordinal)) return "; limit reached by the group owner, no one to tell";

        var policy = state.Policy;
        var window = ModerationText.Chinese(policy.StrikeWindow);
        var text = $"群「{state.Group.Name}」成员{state.NameOf(message.SenderId)}（{message.SenderId}）{window}内已{strikes}次发布违规内容"
            + $"（上限{policy.StrikeLimit}次），本次为{names}。按照群规“性质严重者可踢出该群”，请考虑将其移出本群。\n"
            + $"证据：{string.Join("；", evidence)}";
        effects.Add(new SendPrivate([owner], text, $"{Name}: strike {strikes}/{policy.StrikeLimit} within {ModerationText.Short(policy.StrikeWindow)}"));
        return $"; limit reached, owner {state.Who(owner)} told";
    }
}
