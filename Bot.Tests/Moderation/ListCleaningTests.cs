using Bot.Rules.Moderation;

namespace Bot.Tests.Moderation;

/// <summary>Every list is checked as it is read: junk lines are refused with their line named, never folded into letters.</summary>
public class ListCleaningTests
{
    [Test]
    public void Control_characters_one_letter_and_too_short_entries_are_refused_with_their_line()
    {
        const string list = "# 测试\n赌博\nq\u007f\nb\n赌\n2b\n加*v\n(?<=赌)博\nre:(?<=赌)博\n";

        var parsed = WordListParser.Parse(list, BannedCategory.Gambling);

        Assert.Multiple(() =>
        {
            Assert.That(parsed.Entries.Select(e => e.Pattern), Is.EqualTo(new[] { "赌博", "2b", "(?<=赌)博" }));
            Assert.That(parsed.Refused.Select(r => r.Line), Is.EqualTo(new[] { 3, 4, 5, 7, 9 }));
            Assert.That(parsed.Refused[0].Problem.English, Does.Contain("U+007F"));
            Assert.That(parsed.Refused[1].Problem.Chinese, Does.Contain("最短长度 2"));
            Assert.That(parsed.Refused[3].Problem.English, Does.Contain("one Latin letter"));
            Assert.That(parsed.Refused[4].Problem.Chinese, Does.Contain("不是可用的正则表达式"));
        });
    }

    [TestCase("性。学生会", "性学", TestName = "A two-character word is not read across a sentence end")]
    [TestCase("女性。学习", "性学", TestName = "The issue's 「…女性。学…」 holds no word")]
    public void A_plain_word_is_not_read_across_a_sentence_end(string text, string word)
    {
        var matcher = WordMatcher.Build([new WordEntry(word, BannedCategory.Obscenity)], []);

        Assert.That(matcher.FindAll(text), Is.Empty);
    }

    [TestCase("赌！博！网！站", TestName = "A consistent disguise crosses sentence ends")]
    [TestCase("赌 博 网 站", TestName = "Spaces are still stepped over")]
    public void A_consistent_disguise_is_still_found(string text)
    {
        var matcher = WordMatcher.Build([new WordEntry("赌博网站", BannedCategory.Gambling)], []);

        Assert.That(matcher.FindAll(text), Has.Count.EqualTo(1));
    }
}
