namespace Bot.Rules.Moderation;

/// <summary>
/// Contact solicitation found in a message: where, how (no matched text), whether it names an account, and, for a plain
/// phone or account offered with nothing to sell, the words that give it as a notice's or the poster's own contact
/// (<see cref="ContactContext"/>: 「联系人」, 「请联系」), which make it no solicitation.
/// </summary>
public readonly record struct SolicitationHit(int Start, int Length, string Evidence, bool Concrete, string? GivenAsContact = null);

/// <summary>
/// Contact solicitation, the commonest spam of parents' groups: an invitation (加, 添加, 私聊, 私信, 联系, 扫码…) near a
/// contact channel (微信, QQ, 手机号, 二维码…), read through the disguises spammers use (V信, V❤信, vx, wx, 薇, 扣扣, 企鹅,
/// 加 微 信, ＋V), or a channel followed by an account (「vx：abc123」).
/// </summary>
/// <remarks>
/// Teachers invite too: 「请新来的家长加一下我的微信」, 「有问题的家长可以私聊我」, 「扫码加入班级群」. So a plain invitation to a
/// plain channel counts only with something to sell in the same message (<see cref="SolicitationVocabulary.Offers"/>);
/// a disguised channel, which no one needs to write unless evading a filter, counts by itself; and an account posted
/// with an invitation or an offer is concrete: a prohibition around it does not excuse it.
/// </remarks>
public static class SolicitationDetector
{
    /// <summary>Most characters (separators aside) between an invitation and the channel it invites to.</summary>
    public const int MaxInvitationGap = 6;

    public static IReadOnlyList<SolicitationHit> FindAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FindAll(FoldedText.Of(text), text);
    }

    /// <summary>The hits of <paramref name="text"/>, folded once by the caller as <paramref name="folded"/>.</summary>
    internal static IReadOnlyList<SolicitationHit> FindAll(FoldedText folded, string text)
    {
        if (folded.Length == 0) return [];
        var hasOffer = SolicitationVocabulary.HasOffer(folded, text);
        var hits = new List<SolicitationHit>();
        var coveredUntil = -1;
        for (var i = 0; i < folded.Length; i++)
        {
            if (i < coveredUntil) continue;
            if (ChannelAt(folded, i) is not { } channel) continue;
            var (accountEnd, spelled) = AccountAfter(folded, i + channel.Length);
            // An account posted with an invitation anywhere in the sentence is solicited: 「欢迎添加，我的微信：abc123」.
            var invitation = InvitationBefore(folded, i, accountEnd >= 0);
            // 「v」 or 「薇」 alone is a channel right after an invitation (not as the start of a longer word), or heading
            // its clause with an account: 「薇：jianzhi999」.
            var single = channel.Length == 1;
            if (single && invitation is null && !(accountEnd >= 0 && (i == 0 || folded.IsClauseEnd(i - 1)))) continue;
            if (single && accountEnd < 0 && GluedToWord(folded, i)) continue;
            // 「九八七六五四三二一」 for a QQ number is as much a disguise as 「V❤信」.
            var disguised = channel.Disguised || spelled || folded.SpreadOut(i, channel.Length);
            var found = (invitation, accountEnd, disguised) switch
            {
                ({ }, >= 0, _) => "invitation + channel + account",
                (null, >= 0, true) => "disguised channel + account",
                (null, >= 0, false) when hasOffer => "channel + account + offer",
                ({ }, _, true) => "invitation + disguised channel",
                ({ }, _, false) when hasOffer => "invitation + channel + offer",
                _ => null,
            };
            if (found is null) continue;
            var start = invitation ?? i;
            var end = accountEnd >= 0 ? accountEnd : i + channel.Length;
            // 「如有疑问请联系教务处，电话0571-86012345」: a notice's phone, undisguised and selling nothing. A QQ or WeChat
            // account offered to the group (「需要请联系 QQ 2093847561」) is what solicitation looks like.
            var contact = accountEnd >= 0 && !disguised && channel.Word is "电话" && Landline(text, folded.Original(i + channel.Length, accountEnd))
                ? "座机"
                : invitation is not null && accountEnd >= 0 && !disguised && !hasOffer && channel.Word is "电话" or "手机号"
                ? ContactContext.MarkerOf(text, folded.Original(i, accountEnd).Start) : null;
            hits.Add(folded.Hit(start, end, $"solicitation: {found}", Concrete: accountEnd >= 0) with { GivenAsContact = contact });
            coveredUntil = end;
        }

        if (hits.Count == 0 && hasOffer && InvitedAccount(folded) is { From: var at, To: var until })
            hits.Add(folded.Hit(at, until, "solicitation: invitation + account + offer", Concrete: true));
        if (hits.Count == 0 && hasOffer && PrivateInvitation(folded) is { From: var from, To: var to })
            hits.Add(folded.Hit(from, to, "solicitation: private-chat invitation + offer", Concrete: false));
        return hits;
    }

    /// <summary>
    /// Whether the number after 「电话」 is a landline (「0898-66123456」, 「66123456」): an office's or a school's
    /// switchboard, which is how a notice gives a contact (「报名咨询电话：…，欢迎家长来电」). Spam gives a mobile, a QQ or a
    /// WeChat account, which stay solicitation.
    /// </summary>
    private static bool Landline(string text, (int Start, int End) account)
    {
        var digits = text[account.Start..account.End].Where(char.IsAsciiDigit).ToArray();
        return digits.Length is 7 or 8 && digits[0] != '1' || digits.Length is >= 10 and <= 12 && digits[0] == '0';
    }

    private static bool GluedToWord(FoldedText folded, int i)
    {
        if (i + 1 >= folded.Length || folded.IsClauseEnd(i + 1)) return false;
        var (c, next) = (folded[i], folded[i + 1]);
        return char.IsAsciiLetter(c) ? char.IsAsciiLetter(next) : !char.IsAscii(next);
    }

    private static Channel? ChannelAt(FoldedText folded, int i)
    {
        foreach (var channel in SolicitationVocabulary.Channels)
        {
            if (folded.Matches(i, channel.Word)) return channel;
        }
        return null;
    }

    /// <summary>
    /// Where the invitation before a channel at <paramref name="channelAt"/> starts, or null: in the same clause and
    /// close, or anywhere in the sentence when the channel gives an account.
    /// </summary>
    private static int? InvitationBefore(FoldedText folded, int channelAt, bool wholeSentence)
    {
        var from = Math.Max(0, channelAt - (wholeSentence ? 30 : MaxInvitationGap + 2));
        for (var i = channelAt - 1; i >= from; i--)
        {
            if (folded.IsClauseEnd(i) && !wholeSentence) return null;
            foreach (var verb in SolicitationVocabulary.Invitations)
            {
                if (i + verb.Length <= channelAt && folded.Matches(i, verb) && (wholeSentence || channelAt - (i + verb.Length) <= MaxInvitationGap))
                    return i;
            }
        }
        return null;
    }

    /// <summary>
    /// The end of an account right after a channel (「：abc123」, 「号是 12345678」), or -1; and whether its digits were
    /// spelled in Chinese.
    /// </summary>
    private static (int End, bool Spelled) AccountAfter(FoldedText folded, int i)
    {
        foreach (var lead in SolicitationVocabulary.AccountLeads)
        {
            if (!folded.Matches(i, lead)) continue;
            i += lead.Length;
            // 「微信同号」: the account is the phone number, given or to be asked for.
            if (lead.StartsWith('同')) return (i, false);
            break;
        }
        int start = i, letters = 0, digits = 0, spelled = 0;
        for (; i < folded.Length && i - start < 20; i++)
        {
            var c = SolicitationVocabulary.Digit(folded[i]) ?? folded[i];
            if (c != folded[i]) spelled++;
            if (char.IsAsciiDigit(c)) digits++;
            else if (char.IsAsciiLetter(c)) letters++;
            else break;
        }
        var length = i - start;
        // An account: 「abc123」, 「gaokao_ziliao」 (read as gaokaoziliao, the underscore is a separator), a QQ or phone
        // number. 「vx领取」 or 「微信好友」 names none.
        var account = (digits >= 3 && length >= 5 && (letters > 0 || digits >= 5)) || (digits == 0 && letters >= 6);
        return account ? (i, spelled >= 5) : (-1, false);
    }

    /// <summary>An account right after an invitation, with no channel named: 「联系：13912345678」, 「加我 abc12345」.</summary>
    private static (int From, int To)? InvitedAccount(FoldedText folded)
    {
        for (var i = 0; i < folded.Length; i++)
        {
            foreach (var verb in SolicitationVocabulary.Invitations)
            {
                if (!folded.Matches(i, verb)) continue;
                for (var j = i + verb.Length; j <= Math.Min(folded.Length - 1, i + verb.Length + MaxInvitationGap) && !folded.IsClauseEnd(j); j++)
                {
                    if (AccountAfter(folded, j) is { End: >= 0 } account && (SolicitationVocabulary.Digit(folded[j]) ?? folded[j]) is var first
                        && char.IsAsciiLetterOrDigit(first))
                        return (i, account.End);
                }
            }
        }
        return null;
    }

    private static (int From, int To)? PrivateInvitation(FoldedText folded)
    {
        for (var i = 0; i < folded.Length; i++)
        {
            foreach (var verb in SolicitationVocabulary.PrivateInvitations)
            {
                if (folded.Matches(i, verb)) return (i, i + verb.Length);
            }
        }
        return ShortPrivateCall(folded) is var at and >= 0 ? (at, at + 1) : null;
    }

    /// <summary>「需要的私」, 「直接私」, 「看款私」: 私 closing a clause is 「私聊我」 cut short; where it stands, or -1.</summary>
    internal static int ShortPrivateCall(FoldedText folded)
    {
        var text = folded.Text;
        for (var i = text.IndexOf('私', StringComparison.Ordinal); i >= 0; i = text.IndexOf('私', i + 1))
        {
            if (i > 0 && (i + 1 == text.Length || folded.IsClauseEnd(i + 1)) && text[i - 1] is '的' or '接' or '款') return i;
        }
        return -1;
    }
}
