using Bot.Host.WeCom.Archive;
using Bot.Rules.Messages;

namespace Bot.Tests.Archive;

/// <summary>
/// The SDK's JSON as WeCom produces it: the page example of WeWorkFinanceSdk_C.h, and decrypted records quoted from
/// public projects that read real archives (doc 91774's formats).
/// </summary>
public class ArchiveRecordsTests
{
    // WeWorkFinanceSdk_C.h's own example of GetChatData's answer.
    private const string HeaderPage = """
        {"errcode":0,"errmsg":"ok","chatdata":[{"seq":196,"msgid":"CAQQ2fbb4QUY0On2rYSAgAMgip/yzgs=","publickey_ver":3,"encrypt_random_key":"ftJ+uz3n/z1DsxlkwxNgE+mL38H42/KCvN8T60gbbtPD+Rta1hKTuQPzUzO6Hzne97MgKs7FfdDxDck/v8cDT6gUVjA2tZ/M7euSD0L66opJ/IUeBtpAtvgVSD5qhlaQjvfKJc/zPMGNK2xCLFYqwmQBZXbNT7uA69Fflm512nZKW/piK2RKdYJhRyvQnA1ISxK097sp9WlEgDg250fM5tgwMjujdzr7ehK6gtVBUFldNSJS7ndtIf6aSBfaLktZgwHZ57ONewWq8GJe7WwQf1hwcDbCh7YMG8nsweEwhDfUz+u8rz9an+0lgrYMZFRHnmzjgmLwrR7B/32Qxqd79A==","encrypt_chat_msg":"898WSfGMnIeytTsea7Rc0WsOocs0bIAerF6de0v2cFwqo9uOxrW9wYe5rCjCHHH5bDrNvLxBE/xOoFfcwOTYX0HQxTJaH0ES9OHDZ61p8gcbfGdJKnq2UU4tAEgGb8H+Q9n8syRXIjaI3KuVCqGIi4QGHFmxWenPFfjF/vRuPd0EpzUNwmqfUxLBWLpGhv+dLnqiEOBW41Zdc0OO0St6E+JeIeHlRZAR+E13Isv9eS09xNbF0qQXWIyNUi+ucLr5VuZnPGXBrSfvwX8f0QebTwpy1tT2zvQiMM2MBugKH6NuMzzuvEsXeD+6+3VRqL"}]}
        """;

    [Test]
    public void The_headers_example_page_reads_as_one_record_of_key_version_3()
    {
        var record = ArchiveRecords.ParsePage(HeaderPage).Single();
        Assert.That((record.Seq, record.MsgId, record.PublicKeyVersion), Is.EqualTo((196L, "CAQQ2fbb4QUY0On2rYSAgAMgip/yzgs=", (int?)3)));
        Assert.That(Convert.FromBase64String(record.EncryptRandomKey), Has.Length.EqualTo(256), "RSA-2048 ciphertext");
    }

    [Test]
    public void An_errcode_inside_the_page_is_an_SDK_error()
    {
        var error = Assert.Throws<ArchiveSdkException>(() => ArchiveRecords.ParsePage("""{"errcode":10009,"errmsg":"ip invalid"}"""));
        Assert.That(error!.Code, Is.EqualTo(10009));
        Assert.That(error.Transient, Is.False);
    }

    [Test]
    public void A_page_with_a_record_without_seq_is_refused_whole() =>
        Assert.Throws<System.Text.Json.JsonException>(() => ArchiveRecords.ParsePage("""{"errcode":0,"chatdata":[{"msgid":"x"}]}"""));

    [Test]
    public void Doc_91774s_text_message_is_a_one_to_one_text_sent_in_milliseconds()
    {
        var message = Parse("""{"msgid":"CAQQluDa4QUY0On2rYSAgAMgzPrShAE=","action":"send","from":"XuJinSheng","tolist":["icefog"],"roomid":"","msgtime":1547087894783,"msgtype":"text","text":{"content":"test"}}""");
        Assert.That((message.Action, message.From, message.RoomId, message.MsgType, message.Text), Is.EqualTo(("send", "XuJinSheng", "", "text", "test")));
        Assert.That(message.SentAt, Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(1547087894783)));
    }

    [Test]
    public void A_real_recall_names_the_message_it_takes_back()
    {
        var message = Parse("""{"msgid":"15775510700152506326_1603875615","action":"recall","from":"kenshin","tolist":["wmUu0zBgAALV7ZymkcMyxvbTe8YdWxxA"],"roomid":"","msgtime":1603875615723,"msgtype":"revoke","revoke":{"pre_msgid":"14822339130656386894_1603875600"}}""");
        Assert.That((message.Action, message.MsgType, message.RecalledMsgId), Is.EqualTo(("recall", "revoke", "14822339130656386894_1603875600")));
    }

    [Test]
    public void A_real_mixed_group_message_yields_its_text_parts()
    {
        var message = Parse("""{"msgid":"DAQQluDa4QUY0On4kYSABAMgzPrShAE=","action":"send","from":"HeMiao","tolist":["HeChangTian","LiuZeYu"],"roomid":"wr_tZ2BwAAUwHpYMwy9cIWqnlU3Hzqfg","msgtime":1577414359072,"msgtype":"mixed","mixed":{"item":[{"type":"text","content":"{\"content\":\"你好[微笑]\\n\"}"},{"type":"image","content":"{\"md5sum\":\"368b6c18c82e6441bfd89b343e9d2429\",\"filesize\":13177,\"sdkfileid\":\"CtYBMzA2OTAyMDEwMjA0NjIzMDYw\"}"}]}}""");
        Assert.That((message.RoomId, message.Text), Is.EqualTo(("wr_tZ2BwAAUwHpYMwy9cIWqnlU3Hzqfg", "你好[微笑]\n")));
        Assert.That(message.ToList, Is.EqualTo(new[] { "HeChangTian", "LiuZeYu" }), "in a group, everyone else");
    }

    [Test]
    public void A_real_switch_record_has_no_sender_room_or_type() =>
        Assert.That(Parse("""{"msgid":"125289002219525886280","action":"switch","time":1554119421840,"user":"XuJinSheng"}""").Action, Is.EqualTo("switch"));

    [Test]
    public void Raw_control_characters_inside_a_string_do_not_lose_the_message() =>
        Assert.That(Parse("{\"msgid\":\"m\",\"action\":\"send\",\"from\":\"t1\",\"roomid\":\"wr1\",\"msgtime\":1,\"msgtype\":\"text\",\"text\":{\"content\":\"第一行\n第二行\"}}").Text,
            Is.EqualTo("第一行 第二行"));

    [TestCase("{\"msgid\":\"m\"}", "action is missing")]
    [TestCase("{\"msgid\":\"m\",\"action\":\"send\",\"from\":\"t1\",\"roomid\":\"wr1\",\"msgtype\":\"text\"}", "msgtime is missing")]
    [TestCase("[1,2]", "not a JSON object")]
    [TestCase("\u0001\u0002garbage", "not JSON")]
    public void A_message_that_is_not_one_says_why(string json, string why)
    {
        Assert.That(ArchiveRecords.ParseMessage(json, out var problem), Is.Null);
        Assert.That(problem, Does.StartWith(why));
    }

    private static readonly DateTimeOffset Enabled = DateTimeOffset.FromUnixTimeMilliseconds(1_000);
    private static readonly Dictionary<string, (string ChatId, string Channel)> Rooms = new()
    {
        ["wrJudged"] = ("chatJudged", "archive"),
        ["wrCallback"] = ("chatCallback", "callback"),
    };

    private static EncryptedRecord Record(long seq) => new(seq, "m" + seq, 1, "", "");

    private static Func<EncryptedRecord, ReadRecord> Messages(Dictionary<long, ArchiveMessage?> bySeq) => r => bySeq[r.Seq] is { } m
        ? new DecryptedRecord(r.Seq, m, "{}")
        : new UnreadableRecord(r.Seq, "malformed");

    private static ArchiveMessage Sent(string room, string from = "t1", long ms = 2_000) =>
        new("m", "send", from, ["t2"], room, DateTimeOffset.FromUnixTimeMilliseconds(ms), "text", "收到", null);

    [Test]
    public void A_page_becomes_contiguous_segments_each_ending_at_a_judged_message()
    {
        var read = Messages(new()
        {
            [11] = Sent("wrOther"), [12] = null, [13] = Sent("wrJudged"), [14] = Sent(""), [15] = Sent("wrJudged", from: "wbRobot"),
            [16] = Sent("wrCallback"), [17] = Sent("wrJudged", ms: 500),
        });

        var segments = ArchivePage.Plan(10, [.. Enumerable.Range(11, 7).Select(s => Record(s))], [], Rooms, Enabled, ["规则助手"], read, out var halt);

        Assert.That(halt, Is.Null);
        Assert.That(segments.Select(s => (s.From, s.To, s.Message?.ChatId)), Is.EqualTo(new (long, long, string?)[] { (10, 13, "chatJudged"), (13, 17, null) }),
            "one-to-one, robots and messages sent before the archive was enabled leave no message");
        Assert.That(segments[0].Rooms.Select(r => r.RoomId), Is.EqualTo(new[] { "wrOther" }));
        Assert.That(segments[0].Skipped, Is.EqualTo(1));
        Assert.That(segments[1].Rooms.Select(r => r.RoomId), Is.EqualTo(new[] { "wrCallback" }), "a group judged by callbacks only is counted");
        Assert.That(segments[0].Message!.Channel, Is.EqualTo(Channel.Archive));
    }

    [Test]
    public void Committed_ranges_are_passed_over_and_reading_stops_at_a_missing_key()
    {
        var read = (EncryptedRecord r) => r.Seq == 24
            ? (ReadRecord)new KeyMissingRecord(24, "set WeCom:Archive:PrivateKeys:2")
            : new DecryptedRecord(r.Seq, Sent("wrJudged"), "{}");

        var segments = ArchivePage.Plan(20, [.. Enumerable.Range(21, 5).Select(s => Record(s))], [(21, 23)], Rooms, Enabled, ["规则助手"], read, out var halt);

        Assert.That(segments.Select(s => (s.From, s.To)), Is.EqualTo(new (long, long)[] { (20, 21) }), "22 and 23 are committed; 24 stops the read");
        Assert.That(halt!.Reason, Does.Contain("PrivateKeys:2"));
    }

    private static ArchiveMessage Parse(string json) =>
        ArchiveRecords.ParseMessage(json, out var problem) ?? throw new AssertionException(problem!);
}
