namespace Bot.Rules.Moderation;

/// <summary>
/// Threats addressed to someone, with or without a violent word: 「晚上给我小心点」, 「你给我记住，这事没完，咱们走着瞧」,
/// 「我弄死你」, 「我拿刀捅了他」, 「把你腿打断」, 「我要炸了这个破学校」, 「让他出车祸」 (violence).
/// </summary>
/// <remarks>
/// What people say without threatening anyone is the counter-example: 「路上小心点」 (a warning), 「下次走着瞧😄」
/// (banter: one hint alone), 「金鱼弄死了」, 「笑死我了」, 「收拾你的书包」 (harm needs a person as its object, not a
/// possession), 「同学总揍他」 (harm to a third person needs the speaker as its doer), 「回家我收拾他」 (a parent of their
/// own child), 「别让他出事」.
/// </remarks>
internal static class ThreatDetector
{
    // Said as threats only. Not 死定了, even 你死定了 (「你死定了，作业还没写完吧哈哈」 is banter), 见血 (一针见血), 等着瞧
    // (明年的升学率等着瞧), 放学别走 (值日生放学别走), 让你后悔 (现在不努力会让你后悔的), 找他算账 (a parent venting:
    // 「我真想找他算账」): those are hints.
    private static readonly Vocabulary Idioms = new(
        "你给我等着", "你们给我等着", "有你好看", "让你好看", "要你好看", "好果子吃", "活腻", "饶不了", "不会放过你", "放不过你",
        "混不下去", "找你算账", "横着出去", "给你点颜色", "血债血偿", "一刀结果", "见一次打一次", "揍一次");

    // Threatening only beside another one (counted once where they overlap: 「给我小心点」 is one).
    private static readonly Vocabulary Hints = new(
        "走着瞧", "等着瞧", "这事没完", "你死定了", "他死定了", "找他算账", "给我记住", "有种", "别让我碰到", "别让我看见",
        "别让我知道", "给我小心", "小心点", "你等着", "给我等着", "找人", "叫人", "知道你家", "知道你住", "打听清楚", "出什么意外",
        "出意外", "后果自负", "跑不掉", "别想跑", "等我出来", "上门找你", "付出代价", "让你后悔", "叫你后悔", "知道厉害", "放学别走",
        "下班别走", "算账", "打一顿", "揍一顿", "收拾一顿", "教训一顿");

    // Harm that needs a person right after it (「弄死你」, 「捅了他」). Not 杀 alone (剧本杀你玩过吗), not 打 (打你电话),
    // not 干掉 (我们要干掉他们班拿冠军).
    private static readonly Vocabulary Harm = new(
        "弄死", "弄残", "打死", "打残", "打断", "打废", "砍死", "砍", "捅死", "捅", "拍死", "掐死", "宰了", "杀了", "杀死", "做掉",
        "废", "揍", "收拾", "整死", "搞死", "灭", "堵", "剁", "毒死", "炸死", "烧死", "撞死");

    // What 「把你…」 can only mean as violence: not 收拾 (把你房间收拾一下).
    private static readonly Vocabulary Injury = new(
        "打断", "打死", "打残", "打废", "打进医院", "打成", "弄死", "弄残", "砍死", "砍伤", "捅死", "捅伤", "废了", "揍", "掐死", "拍死", "剁");

    private static readonly Vocabulary Destroy = new("炸了", "炸掉", "烧了", "血洗", "砍了", "杀了", "捅了", "灭了");

    private static readonly Vocabulary Institutions = new("学校", "公司", "医院", "单位", "教育局", "老师", "班主任", "校长", "全家");

    private static readonly Vocabulary SecondPerson = new("你", "你们", "你家", "你全家");

    private static readonly Vocabulary ThirdPerson = new("他", "她", "他们", "她们", "他家", "她家");

    private static readonly Vocabulary Speaker = new("我", "老子", "咱");

    private static readonly Vocabulary Fates = new(
        "出车祸", "出事", "出意外", "残废", "好看", "见血", "横着", "混不下去", "进医院", "出不了门", "下不了床", "吃不了兜着走",
        "生不如死", "去死", "死掉");

    // How parents speak of their own child after a teacher's complaint (「回家我收拾他」, 「回去我揍他一顿」): these count
    // only against 你, not against a third person.
    private static readonly Vocabulary Discipline = new("揍", "收拾");

    private static readonly Vocabulary Caring = new("别", "不要", "不能", "防止", "避免", "不会", "怕", "担心", "以免");

    public static readonly Vocabulary Trigger = new([.. Idioms.Words, .. Hints.Words, .. Harm.Words, .. Injury.Words, .. Destroy.Words, .. Fates.Words]);

    public static PhraseHit? Find(FoldedText folded)
    {
        var text = folded.Text.AsSpan();
        if (!Trigger.In(text)) return null;
        if (Idioms.First(text) is { } idiom) return folded.Phrase(idiom.Start, idiom.End, BannedCategory.Violence, "threat: threatening idiom");
        foreach (var harm in Harm.All(text))
        {
            if (HarmsAPerson(folded, harm)) return folded.Phrase(harm.Start, harm.End, BannedCategory.Violence, "threat: harm to a person");
        }
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '把' && PersonThenHarm(folded, i) is { } end) return folded.Phrase(i, end, BannedCategory.Violence, "threat: harm to a person");
            if (text[i] == '让' && FateOfAPerson(folded, i) is { } until) return folded.Phrase(i, until, BannedCategory.Violence, "threat: harm wished on a person");
        }
        foreach (var destroy in Destroy.All(text))
        {
            var stop = Math.Min(folded.ClauseStop(destroy.End), destroy.End + 6);
            if (Institutions.In(text[destroy.End..stop])) return folded.Phrase(destroy.Start, destroy.End, BannedCategory.Violence, "threat: attack on a place or its people");
        }
        var hints = Apart(Hints.All(text));
        return hints.Select(h => h.Word).Distinct().Count() >= 2
            ? folded.Phrase(hints[0].Start, hints[0].End, BannedCategory.Violence, "threat: two threatening hints")
            : null;
    }

    /// <summary>The occurrences that do not overlap the one before them: 「给我小心点」 is one hint, not 给我小心 and 小心点.</summary>
    private static List<Occurrence> Apart(List<Occurrence> found)
    {
        var apart = new List<Occurrence>(found.Count);
        foreach (var o in found)
        {
            if (apart.Count == 0 || o.Start >= apart[^1].End) apart.Add(o);
        }
        return apart;
    }

    /// <summary>「弄死你」, 「揍了他」 said by 「我」: a person (not 「你的」 something) right after the harm.</summary>
    private static bool HarmsAPerson(FoldedText folded, Occurrence harm)
    {
        var text = folded.Text.AsSpan();
        var at = harm.End < text.Length && text[harm.End] == '了' ? harm.End + 1 : harm.End;
        if (at >= text.Length) return false;
        var person = SecondPerson.At(text, at) ?? ThirdPerson.At(text, at);
        if (person is null || (at + person.Length < text.Length && text[at + person.Length] == '的')) return false;
        if (SecondPerson.At(text, at) is not null) return true;
        return !Discipline.Words.Contains(harm.Word) && Speaker.In(text[folded.ClauseStart(harm.Start)..harm.Start]);
    }

    /// <summary>「把你腿打断」, 「把你打进医院」, not 「把他的书包…」 nor 「回家我把他揍一顿」: the end of the injury, or null.</summary>
    private static int? PersonThenHarm(FoldedText folded, int ba)
    {
        var text = folded.Text.AsSpan();
        if (ba + 1 >= text.Length || (SecondPerson.At(text, ba + 1) ?? ThirdPerson.At(text, ba + 1)) is not { } person) return null;
        var from = ba + 1 + person.Length;
        if (from < text.Length && text[from] == '的') return null;
        var addressed = SecondPerson.At(text, ba + 1) is not null;
        var stop = Math.Min(folded.ClauseStop(ba), from + 6);
        for (var j = from; j < stop; j++)
        {
            if (Injury.At(text, j) is { } injury && (addressed || !Discipline.Words.Contains(injury))) return j + injury.Length;
        }
        return null;
    }

    /// <summary>「让他出车祸」, 「让你们全家好看」, but not 「别让他出事」: the end of the fate, or null.</summary>
    private static int? FateOfAPerson(FoldedText folded, int rang)
    {
        var text = folded.Text.AsSpan();
        if (rang + 1 >= text.Length || (SecondPerson.At(text, rang + 1) ?? ThirdPerson.At(text, rang + 1)) is not { } person) return null;
        if (Caring.EndsAt(text, rang)) return null;
        // The fate follows within a few characters: 「让你们全家好看」.
        var from = rang + 1 + person.Length;
        var stop = Math.Min(folded.ClauseStop(rang), from + 5);
        for (var j = from; j < stop; j++)
        {
            if (Fates.At(text, j) is { } fate) return j + fate.Length;
        }
        return null;
    }
}
