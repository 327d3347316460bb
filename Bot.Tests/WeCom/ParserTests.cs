using Bot.Host.WeCom;
using Bot.Rules.Messages;

namespace Bot.Tests.WeCom;

public class ParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8));

    private static readonly IReadOnlyList<string> Bots = WeComOptions.DefaultBotNames;

    public const string RobotText = """
        <xml>
        <WebhookUrl><![CDATA[https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-123]]></WebhookUrl>
        <ChatId><![CDATA[wrkSFfCgAAtest]]></ChatId>
        <PostId><![CDATA[bpkSFfCgAApost]]></PostId>
        <GetChatInfoUrl><![CDATA[https://qyapi.weixin.qq.com/cgi-bin/webhook/get_chat_info?code=c]]></GetChatInfoUrl>
        <ChatType>group</ChatType>
        <From><UserId>zhangsan</UserId><Name><![CDATA[张三]]></Name><Alias><![CDATA[zs]]></Alias></From>
        <MsgType>text</MsgType>
        <Text><Content><![CDATA[@规则助手 我已知晓，马上照办 @李四 @王五]]></Content></Text>
        <MsgId>CIGABBCOgOC1BhiR9bC8gYCAAyAA</MsgId>
        </xml>
        """;

    [Test]
    public void Robot_text_becomes_a_group_message_with_the_bot_mention_stripped()
    {
        var message = RobotXmlParser.Parse(RobotText, Now, Bots).Message!;

        Assert.Multiple(() =>
        {
            Assert.That(message.DedupeKey, Is.EqualTo("CIGABBCOgOC1BhiR9bC8gYCAAyAA"));
            Assert.That(message.Channel, Is.EqualTo(Channel.Robot));
            Assert.That(message.ChatId, Is.EqualTo("wrkSFfCgAAtest"));
            Assert.That(message.ChatType, Is.EqualTo(ChatType.Group));
            Assert.That(message.SenderId, Is.EqualTo("zhangsan"));
            Assert.That(message.SenderName, Is.EqualTo("张三"));
            Assert.That(message.Kind, Is.EqualTo(MessageKind.Text));
            Assert.That(message.Text, Is.EqualTo("我已知晓，马上照办 @李四 @王五"));
            Assert.That(message.Mentions, Is.EqualTo(new[] { "李四", "王五" }));
            Assert.That(message.ReplyUrl, Is.EqualTo("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-123"));
            Assert.That(message.ReceivedAt, Is.EqualTo(Now));
        });
    }

    [Test]
    public void Robot_mention_ended_by_WeComs_narrow_space_is_stripped()
    {
        var xml = RobotText.Replace("@规则助手 我已知晓", "@规则助手\u2005我已知晓", StringComparison.Ordinal);
        Assert.That(RobotXmlParser.Parse(xml, Now, Bots).Message!.Text, Does.StartWith("我已知晓"));
    }

    [Test]
    public void Robot_image_has_no_text_and_keeps_its_kind()
    {
        var xml = """
            <xml><ChatId>wrk1</ChatId><ChatType>group</ChatType><From><UserId>u1</UserId><Name>甲</Name></From>
            <MsgType>image</MsgType><Image><ImageUrl><![CDATA[https://example.invalid/a.jpg]]></ImageUrl></Image><MsgId>m-img</MsgId></xml>
            """;
        var message = RobotXmlParser.Parse(xml, Now, Bots).Message!;
        Assert.That((message.Kind, message.Text), Is.EqualTo((MessageKind.Image, "")));
    }

    [Test]
    public void Robot_mixed_message_reads_its_text_parts()
    {
        var xml = """
            <xml><ChatId>wrk1</ChatId><ChatType>group</ChatType><From><UserId>u1</UserId></From><MsgType>mixed</MsgType>
            <MixedMessage>
              <MsgItem><MsgType>text</MsgType><Text><Content><![CDATA[@规则助手 整改情况如下]]></Content></Text></MsgItem>
              <MsgItem><MsgType>image</MsgType><Image><ImageUrl>https://example.invalid/b.jpg</ImageUrl></Image></MsgItem>
            </MixedMessage><MsgId>m-mixed</MsgId></xml>
            """;
        var message = RobotXmlParser.Parse(xml, Now, Bots).Message!;
        Assert.That((message.Kind, message.Text), Is.EqualTo((MessageKind.Mixed, "整改情况如下")));
    }

    [Test]
    public void Robot_unknown_msgtype_is_parsed_as_unknown_not_refused()
    {
        var xml = RobotText.Replace("<MsgType>text</MsgType>", "<MsgType>hologram</MsgType>", StringComparison.Ordinal);
        var message = RobotXmlParser.Parse(xml, Now, Bots).Message!;
        Assert.That((message.Kind, message.RawKind), Is.EqualTo((MessageKind.Unknown, "hologram")));
    }

    [TestCase("<!DOCTYPE xml [<!ENTITY x \"boom\">]><xml><MsgType>&x;</MsgType></xml>", TestName = "A DTD with an entity is refused")]
    [TestCase("<xml><MsgType>text</MsgType>", TestName = "Unclosed XML is refused")]
    [TestCase("", TestName = "An empty payload is refused")]
    [TestCase("<xml><MsgType>text</MsgType><MsgId>1</MsgId></xml>", TestName = "A message without a sender is refused")]
    [TestCase("<xml><From><UserId>u</UserId></From><MsgType>text</MsgType></xml>", TestName = "A message without MsgId is refused")]
    public void Robot_payload_refused(string xml)
    {
        var result = RobotXmlParser.Parse(xml, Now, Bots);
        Assert.That(result.Message, Is.Null);
        Assert.That(result.Error, Is.Not.Empty);
    }

    [Test]
    public void AiBot_group_text_with_quote_and_response_url()
    {
        var json = """
            {"msgid":"CAIQ16HMjQYY\/NGagIOAgAMgq4KM0AI=","aibotid":"AIBOTID","chatid":"wrkSFfCgAAchat","chattype":"group",
             "from":{"userid":"lisi"},"response_url":"https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RC",
             "msgtype":"text","text":{"content":"@RobotA 我已知晓，马上照办（坚决执行）！"},
             "quote":{"msgtype":"text","text":{"content":"周五下午三点开会。收到请回复：我已知晓，马上照办（坚决执行）！"}}}
            """;
        var message = AiBotJsonParser.Parse(json, Now, ["RobotA"]).Message!;
        Assert.Multiple(() =>
        {
            Assert.That(message.DedupeKey, Is.EqualTo("CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI="));
            Assert.That(message.Channel, Is.EqualTo(Channel.AiBot));
            Assert.That(message.ChatId, Is.EqualTo("wrkSFfCgAAchat"));
            Assert.That(message.SenderId, Is.EqualTo("lisi"));
            Assert.That(message.Text, Is.EqualTo("我已知晓，马上照办（坚决执行）！"));
            Assert.That(message.Quote, Does.StartWith("周五下午三点开会"));
            Assert.That(message.ReplyUrl, Does.Contain("response_code=RC"));
        });
    }

    [Test]
    public void AiBot_single_chat_keeps_a_leading_at_and_uses_the_sender_as_chat()
    {
        var json = """{"msgid":"m1","aibotid":"A","chattype":"single","from":{"userid":"wangwu"},"msgtype":"text","text":{"content":"@all 你好"}}""";
        var message = AiBotJsonParser.Parse(json, Now, Bots).Message!;
        Assert.That((message.ChatType, message.ChatId, message.Text), Is.EqualTo((ChatType.Direct, "wangwu", "@all 你好")));
    }

    [TestCase("{", TestName = "Broken JSON is refused")]
    [TestCase("[1,2]", TestName = "A JSON array is refused")]
    [TestCase("""{"msgid":"m","msgtype":"text"}""", TestName = "JSON without from.userid is refused")]
    [TestCase("""{"msgid":"m","from":{"userid":"u"}}""", TestName = "JSON without msgtype is refused")]
    public void AiBot_payload_refused(string json) =>
        Assert.That(AiBotJsonParser.Parse(json, Now, Bots).Error, Is.Not.Null);

    [Test]
    public void AiBot_deeply_nested_JSON_is_refused_not_crashing()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);
        Assert.That(AiBotJsonParser.Parse(json, Now, Bots).Error, Does.Contain("malformed JSON"));
    }

    [Test]
    public void App_text_from_the_official_vector_A2()
    {
        var xml = "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n<FromUserName><![CDATA[mycreate]]></FromUserName>\n<CreateTime>1409659813</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[hello]]></Content>\n<MsgId>4561255354251345929</MsgId>\n<AgentID>218</AgentID>\n</xml>";
        var message = AppXmlParser.Parse(xml, Now).Message!;
        Assert.That((message.DedupeKey, message.SenderId, message.ChatType, message.Text),
            Is.EqualTo(("4561255354251345929", "mycreate", ChatType.Direct, "hello")));
    }

    [Test]
    public void App_directory_event_dedupes_on_sender_time_and_event()
    {
        var xml = """
            <xml><ToUserName><![CDATA[ww1]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1700000000</CreateTime>
            <MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_contact]]></Event><ChangeType>delete_user</ChangeType>
            <UserID><![CDATA[zhangsan]]></UserID></xml>
            """;
        var message = AppXmlParser.Parse(xml, Now).Message!;
        Assert.Multiple(() =>
        {
            Assert.That(message.Kind, Is.EqualTo(MessageKind.Event));
            Assert.That(message.EventName, Is.EqualTo("change_contact/delete_user"));
            Assert.That(message.DedupeKey, Is.EqualTo("event:sys:1700000000:change_contact/delete_user"));
            Assert.That(message.Text, Is.EqualTo("zhangsan"));
        });
    }

    [TestCase("我已知晓 ", "我已知晓", new string[0])]
    [TestCase("@张三 @李四 请查收", "@张三 @李四 请查收", new[] { "张三", "李四" })]
    [TestCase("邮件发到 a@b.com 即可", "邮件发到 a@b.com 即可", new string[0])]
    [TestCase("纪律较差，@张三，@李四。请整改", "纪律较差，@张三，@李四。请整改", new[] { "张三", "李四" })]
    public void Mentions_are_read_from_text_without_a_bot_prefix(string raw, string text, string[] mentions)
    {
        var (actualText, actualMentions) = MentionText.Split(raw, []);
        Assert.That(actualText, Is.EqualTo(text));
        Assert.That(actualMentions, Is.EqualTo(mentions));
    }

    [TestCase("@规则助手 我已知晓，马上照办", "我已知晓，马上照办", new string[0], TestName = "The bot named first, as WeCom's clients insert it")]
    [TestCase("@规则助手\u2005我已知晓", "我已知晓", new string[0], TestName = "The bot's mention ended by WeCom's narrow space U+2005")]
    [TestCase("@张三\u2005@规则助手\u2005请整改", "@张三\u2005请整改", new[] { "张三" }, TestName = "The bot after a member: the member is kept, the bot is not a member")]
    [TestCase("我已知晓，马上照办 @规则助手", "我已知晓，马上照办", new string[0], TestName = "The bot named last")]
    [TestCase("请 @规则助手 统计一下", "请 统计一下", new string[0], TestName = "The bot in the middle")]
    [TestCase("hello@项目开发管理助手 ", "hello", new string[0], TestName = "A real capture: the bot named last, right after a word")]
    [TestCase("@Rule Bot 2 收到请回复：我已知晓", "收到请回复：我已知晓", new string[0], TestName = "A bot name with spaces")]
    [TestCase("@规则助手 @规则助手 统计", "统计", new string[0], TestName = "The bot named twice")]
    [TestCase("@规则助手甲 你好", "@规则助手甲 你好", new[] { "规则助手甲" }, TestName = "A member whose name begins with the bot's is a member")]
    [TestCase("@王五 收到请回复", "@王五 收到请回复", new[] { "王五" }, TestName = "A leading member mention is no longer taken for the bot")]
    public void The_bots_own_mention_is_removed_wherever_it_stands_and_never_a_member(string raw, string text, string[] mentions)
    {
        var (actualText, actualMentions) = MentionText.Split(raw, ["规则助手", "项目开发管理助手", "Rule Bot 2"]);
        Assert.That((actualText, actualMentions), Is.EqualTo((text, mentions)));
    }

    [Test]
    public void AiBot_enter_chat_without_chat_type_is_one_person_not_a_group()
    {
        var message = AiBotJsonParser.Parse(RealPayloads.AiBotEnterChat, Now, Bots).Message!;
        Assert.That((message.ChatType, message.ChatId, message.Kind, message.EventName, message.IsGroup),
            Is.EqualTo((ChatType.Direct, "USERID", MessageKind.Event, "enter_chat", false)));
    }

    [TestCase("""{"msgid":"m","chattype":"group","from":{"userid":"u"},"msgtype":"text","text":{"content":"hi"}}""", TestName = "A group message without chatid is refused")]
    [TestCase("""{"msgid":"m","chatid":"a|b","chattype":"group","from":{"userid":"u"},"msgtype":"text","text":{"content":"hi"}}""", TestName = "A chatid naming two chats is refused")]
    [TestCase("""{"msgid":"m","chatid":"@all_group","chattype":"group","from":{"userid":"u"},"msgtype":"text","text":{"content":"hi"}}""", TestName = "A chatid naming every group is refused")]
    public void AiBot_chat_ids_that_are_not_one_chat_are_refused(string json) =>
        Assert.That(AiBotJsonParser.Parse(json, Now, Bots).Error, Does.Contain("chatid"));

    [Test]
    public void Robot_text_from_a_real_capture_keeps_its_in_qyapi_WebhookUrl()
    {
        var message = RobotXmlParser.Parse(RealPayloads.RobotText, Now, ["fa机器人"]).Message!;
        Assert.That((message.ChatId, message.IsGroup, message.Text, message.Mentions.Count, message.ReplyUrl),
            Is.EqualTo(("fakechatid", true, "help", 0, "http://in.qyapi.weixin.qq.com/cgi-bin/webhook/send?key=xxxxxxxxxxxx")));
    }

    [Test]
    public void Robot_WebhookUrl_written_with_a_space_before_its_CDATA_is_read_without_it()
    {
        var message = RobotXmlParser.Parse(RealPayloads.RobotImage, Now, Bots).Message!;
        Assert.That((message.ReplyUrl, message.ChatType, message.Kind), Is.EqualTo(("https://qyapi.weixin.qq.com/xxxxxxx", ChatType.Direct, MessageKind.Image)));
    }
}
