using Bot.Rules.Moderation;

namespace Bot.Tests.Moderation;

public class WildcardAndRegexTests
{
    private static readonly WordMatcher Matcher = WordMatcher.Build(
        [
            new WordEntry("加*微信", BannedCategory.Advertising, WordKind.Wildcard),
            new WordEntry("转发*否则*倒霉", BannedCategory.Superstition, WordKind.Wildcard),
            new WordEntry(@"(?:vx|qq)[:：]?\d{5,11}", BannedCategory.Advertising, WordKind.Regex),
        ],
        []);

    [TestCase("有意者加微信", "加微信")]
    [TestCase("有意者加我的私人微信", "加我的私人微信")]
    [TestCase("有意者加 我 微 信", "加 我 微 信")]
    [TestCase("有意者加個人微信", "加個人微信")]
    [TestCase("转发给十个人，否则会倒霉", "转发给十个人，否则会倒霉")]
    public void A_wildcard_matches_up_to_a_few_characters_for_each_star(string text, string expected) =>
        Assert.That(Found(text), Is.EqualTo(new[] { expected }));

    [TestCase("加油，明天把作业拍照发到班级群，不用发微信")]
    [TestCase("微信加我")]
    [TestCase("转发给家长")]
    [TestCase("为加强学校网站和微信公众服务平台的管理", TestName = "A wildcard's gap is a few characters, not six")]
    [TestCase("请加班主任。微信上说", TestName = "A wildcard's gap never crosses a sentence end")]
    [TestCase("请加\n微信", TestName = "A wildcard's gap never crosses a line break")]
    public void A_wildcard_needs_every_piece_in_order_and_close(string text) =>
        Assert.That(Found(text), Is.Empty);

    [TestCase("联系vx:12345678", "vx:12345678")]
    [TestCase("联系ＶＸ：12345678", "ＶＸ：12345678")]
    [TestCase("联系QQ１２３４５６７８", "QQ１２３４５６７８")]
    public void A_regex_runs_on_the_folded_text_and_reports_original_positions(string text, string expected) =>
        Assert.That(Found(text), Is.EqualTo(new[] { expected }));

    [Test]
    public void A_regex_the_bounded_engine_cannot_run_is_refused_at_build()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            WordMatcher.Build([new WordEntry(@"(\w)\1", BannedCategory.Abuse, WordKind.Regex)], []));

        Assert.That(ex!.Message, Does.Contain(@"(\w)\1"));
    }

    [Test]
    public void The_list_format_reads_plain_wildcard_and_regex_entries()
    {
        const string list = "# comment\n赌博\n\n加*微信\nre:vx\\d+\n";

        var entries = WordListParser.Parse(list, BannedCategory.Gambling).Entries;

        Assert.That(entries.Select(e => (e.Pattern, e.Kind)), Is.EqualTo(new[]
        {
            ("赌博", WordKind.Plain), ("加*微信", WordKind.Wildcard), ("vx\\d+", WordKind.Regex),
        }));
    }

    private static IEnumerable<string> Found(string text) =>
        Matcher.FindAll(text).Select(h => text.Substring(h.Start, h.Length));
}
