using System.Text;
using Bot.Rules.Messaging;

namespace Bot.Tests.Messaging;

public class MentionSplitterTests
{
    private const string Header = "【提醒】请以下老师于今晚 22:00 前回复“收到”\n未回复者将由年级组长跟进。";

    internal static List<Mention> Members(int count)
    {
        string[] surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "欧阳", "司马"];
        string[] given = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟"];
        return [.. Enumerable.Range(0, count).Select(i =>
            new Mention($"user{i:D4}", $"{surnames[i % surnames.Length]}{given[i / surnames.Length % given.Length]}{i}"))];
    }

    [Test]
    public void Two_thousand_members_become_chunks_of_at_most_2048_bytes_each_member_once_names_whole()
    {
        var members = Members(2000);

        var chunks = MentionSplitter.Split(Header, members);

        Assert.That(chunks, Has.Count.GreaterThan(1));
        Assert.That(chunks.Select(c => Encoding.UTF8.GetByteCount(c.Content)), Has.All.LessThanOrEqualTo(2048));
        Assert.That(chunks.SelectMany(c => c.MentionedUserIds), Is.EqualTo(members.Select(m => m.UserId)));
        AssertNamesWhole(chunks, members);
        Assert.That(chunks[0].Content, Does.StartWith(Header + "\n@"));
        Assert.That(chunks[1].Content, Does.StartWith($"（续 2/{chunks.Count}）【提醒】请以下老师于今晚 22:00 前回复“收到”\n@"));
    }

    [Test]
    public void A_short_list_fits_in_one_message()
    {
        var chunks = MentionSplitter.Split("请回复", [new("zhangsan", "张三"), new("lisi", "李四")]);

        Assert.That(chunks, Has.Count.EqualTo(1));
        Assert.That(chunks[0].Content, Is.EqualTo("请回复\n@张三 @李四"));
        Assert.That(chunks[0].MentionedUserIds, Is.EqualTo((string[])["zhangsan", "lisi"]));
    }

    [Test]
    public void A_member_listed_twice_is_mentioned_once_and_a_blank_name_falls_back_to_the_user_id()
    {
        var chunks = MentionSplitter.Split("请回复", [new("zhangsan", "张三"), new("lisi", " "), new("zhangsan", "张三")]);

        Assert.That(chunks.Single().Content, Is.EqualTo("请回复\n@张三 @lisi"));
        Assert.That(chunks.Single().MentionedUserIds, Is.EqualTo((string[])["zhangsan", "lisi"]));
    }

    [Test]
    public void No_members_gives_the_header_alone()
    {
        var chunk = MentionSplitter.Split("通知", []).Single();

        Assert.That(chunk.Content, Is.EqualTo("通知"));
        Assert.That(chunk.MentionedUserIds, Is.Empty);
    }

    [Test]
    public void A_header_over_the_limit_is_refused() =>
        Assert.That(() => MentionSplitter.Split(new string('长', 683), Members(3)), Throws.ArgumentException);

    [Test]
    public void A_name_that_cannot_fit_even_alone_is_refused() =>
        Assert.That(() => MentionSplitter.Split("h", [new("u1", "短"), new("u2", new string('长', 40))], maxBytes: 60),
            Throws.ArgumentException);

    [Test]
    public void A_continuation_repeats_only_the_start_of_a_very_long_first_line()
    {
        var header = new string('题', 300);

        var chunks = MentionSplitter.Split(header, Members(600));

        Assert.That(chunks[1].Content.Split('\n')[0], Does.EndWith("…"));
        Assert.That(Encoding.UTF8.GetByteCount(chunks[1].Content.Split('\n')[0]), Is.LessThan(140));
        AssertNamesWhole(chunks, Members(600));
    }

    [TestCase(40)]
    [TestCase(41)]
    [TestCase(57)]
    [TestCase(100)]
    [TestCase(333)]
    public void Every_limit_is_respected_and_every_member_mentioned_once(int maxBytes)
    {
        var members = Members(150);

        var chunks = MentionSplitter.Split("注意", members, maxBytes);

        Assert.That(chunks.Select(c => Encoding.UTF8.GetByteCount(c.Content)), Has.All.LessThanOrEqualTo(maxBytes));
        Assert.That(chunks.SelectMany(c => c.MentionedUserIds), Is.EqualTo(members.Select(m => m.UserId)));
        AssertNamesWhole(chunks, members);
    }

    /// <summary>After each chunk's first line, the text is exactly "@name" for the chunk's ids, in order, space-separated.</summary>
    private static void AssertNamesWhole(IReadOnlyList<MentionChunk> chunks, IReadOnlyList<Mention> members)
    {
        var names = members.ToDictionary(m => m.UserId, m => m.DisplayName);
        foreach (var chunk in chunks.Where(c => c.MentionedUserIds.Count > 0))
        {
            var mentions = chunk.Content[(chunk.Content.LastIndexOf('\n') + 1)..];
            Assert.That(mentions.Split(' '), Is.EqualTo(chunk.MentionedUserIds.Select(id => "@" + names[id])));
        }
    }
}
