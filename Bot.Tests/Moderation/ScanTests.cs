using Bot.Rules.Moderation;

namespace Bot.Tests.Moderation;

public class ScanTests
{
    private static readonly WordMatcher Matcher = DefaultWordLists.BuildMatcher();

    [TestCase("一起赌.博，加ＶＸ，傻逼，路口交通")]
    [TestCase("加我的私人微信，vx:12345678")]
    [TestCase("平常的通知，没有问题")]
    [TestCase("")]
    public void Scan_into_a_span_finds_what_FindAll_finds(string text)
    {
        Span<WordHit> buffer = stackalloc WordHit[32];

        var n = Matcher.Scan(text, buffer);

        Assert.That(buffer[..n].ToArray(), Is.EqualTo(Matcher.FindAll(text)));
    }

    [Test]
    public void Scan_stops_writing_when_the_buffer_is_full()
    {
        Span<WordHit> buffer = stackalloc WordHit[2];

        var n = Matcher.Scan("赌博赌博赌博赌博", buffer);

        Assert.That(n, Is.EqualTo(2));
    }

    [Test]
    public void Scanning_a_message_allocates_nothing()
    {
        var plain = WordMatcher.Build(DefaultWordLists.Load().Banned.Where(e => e.Kind != WordKind.Regex),
            DefaultWordLists.Load().Allowed);
        const string text = "周末一起去赌.博吗？加我的私人微信，路口交通不好，你个傻逼";
        var buffer = new WordHit[16];
        plain.Scan(text, buffer);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var n = plain.Scan(text, buffer);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That((n, allocated), Is.EqualTo((2, 0L)));
    }

    [TestCase("advertising", BannedCategory.Advertising, "广告推销")]
    [TestCase("LEAK", BannedCategory.Leak, "泄密（商业秘密、隐私）")]
    [TestCase("political", BannedCategory.Political, "反动/政治有害")]
    public void Categories_parse_from_their_storage_key(string key, BannedCategory category, string displayName)
    {
        var parsed = BannedCategories.ParseKey(key);

        Assert.That((parsed, parsed.DisplayName()), Is.EqualTo((category, displayName)));
    }

    [Test]
    public void An_unknown_category_key_names_the_valid_ones() =>
        Assert.That(() => BannedCategories.ParseKey("spam"),
            Throws.TypeOf<FormatException>().With.Message.Contains("advertising"));
}
