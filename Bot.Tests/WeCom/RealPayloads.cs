namespace Bot.Tests.WeCom;

/// <summary>
/// Decrypted callback payloads as WeCom really sends them, copied byte for byte from where they were published (each
/// names its source). Nothing here is written to suit the bot: where a published example carries a placeholder
/// (CHATID, RESPONSEURL) it stays, and the tests show what the bot makes of it.
/// </summary>
public static class RealPayloads
{
    // ---- 群机器人 callback (XML, doc 99399) ----

    /// <summary>
    /// A group text from a real robot callback: the test data of owent/wxwork_robotd, src/wxwork_robot/message.rs
    /// (WXWORKROBOT_TEST_MSG). Plain-http WebhookUrl on in.qyapi.weixin.qq.com; the robot is called 「fa机器人」.
    /// </summary>
    public const string RobotText =
        "<xml><From><UserId><![CDATA[T56650002A]]></UserId><Name><![CDATA[欧文韬]]></Name><Alias><![CDATA[owentou]]></Alias></From><WebhookUrl><![CDATA[http://in.qyapi.weixin.qq.com/cgi-bin/webhook/send?key=xxxxxxxxxxxx]]></WebhookUrl><ChatId><![CDATA[fakechatid]]></ChatId><PostId><![CDATA[fakepostid]]></PostId><GetChatInfoUrl><![CDATA[http://in.qyapi.weixin.qq.com/cgi-bin/webhook/get_chat_info?code=VcgjNN2bHMhatXwG8aZbHvj_RZmLF0OSS5_sVGxYUGk]]></GetChatInfoUrl><MsgId><![CDATA[CIGABBCOgP3qBRiR4vm7goCAAyAY]]></MsgId><ChatType><![CDATA[group]]></ChatType><MsgType><![CDATA[text]]></MsgType><Text><Content><![CDATA[@fa机器人 help]]></Content></Text></xml>";

    /// <summary>Tencent's doc 99399 (群机器人回调说明), 图文混排消息, XML example: a group post of text and a picture.</summary>
    public const string RobotMixed = """
        <xml>
        	<WebhookUrl><![CDATA[http://in.qyapi.weixin.qq.com/cgi-bin/webhook/send?key=WEBHOOK]]></WebhookUrl>
        	<MsgId><![CDATA[CAEQi5HR8wUY/NGagIOAgAMgXQ==]]></MsgId>
        	<ChatId><![CDATA[CHATID]]></ChatId>
        	<ChatType><![CDATA[group]]></ChatType>
        	<From>
        		<UserId><![CDATA[T434200000]]></UserId>
        		<Name><![CDATA[张三]]></Name>
        		<Alias><![CDATA[jackzhang]]></Alias>
        	</From>
        	<GetChatInfoUrl><![CDATA[https://qyapi.weixin.qq.com/cgi-bin/webhook/get_chat_info?code=CODE]]></GetChatInfoUrl>
        	<MsgType><![CDATA[mixed]]></MsgType>
        	<MixedMessage>
        		<MsgItem>
        			<MsgType><![CDATA[text]]></MsgType>
        			<Text>
        				<Content><![CDATA[@机器人 这是今日的测试情况]]></Content>
        			</Text>
        		</MsgItem>
        		<MsgItem>
        			<MsgType><![CDATA[image]]></MsgType>
        			<Image>
        				<ImageUrl><![CDATA[http://p.qpic.cn/pic_wework/2698515288/54528347764eac2d194c2ce90d83769c62e478f59e706815/0]]></ImageUrl>
        			</Image>
        		</MsgItem>
        	</MixedMessage>
        </xml>
        """;

    /// <summary>
    /// Tencent's doc 99399, 图片消息, XML example (also easy-wx/wecom-bot-svr, src/wecom_bot_svr/req_msg_str.py): only a
    /// one-to-one chat delivers pictures. Note the space before the WebhookUrl's CDATA and its placeholder path.
    /// </summary>
    public const string RobotImage = """
        <xml>
        	<WebhookUrl> <![CDATA[https://qyapi.weixin.qq.com/xxxxxxx]]></WebhookUrl>
        	<ChatId><![CDATA[wrkSFfCgAALFgnrSsWU38puiv4yvExuw]]></ChatId>
        	<ChatType>single</ChatType>
        	<From>
        		<UserId>zhangsan</UserId>
        		<Name><![CDATA[张三]]></Name>
        		<Alias><![CDATA[jackzhang]]></Alias>
        	</From>
        	<GetChatInfoUrl><![CDATA[https://qyapi.weixin.qq.com/cgi-bin/webhook/get_chat_info?code=CODE]]></GetChatInfoUrl>
        	<MsgType>image</MsgType>
        	<Image>
        		<ImageUrl><![CDATA[https://p.qpic.cn/pic_wework/2085796/353325df3d4200754264e0521fd8f01e32a878aae7e52a/0]]></ImageUrl>
        	</Image>
        	<MsgId>abcdabcdabcd</MsgId>
        </xml>
        """;

    /// <summary>Tencent's doc 99399, attachment事件消息, XML example: a member clicked a button of a robot's markdown post in a group.</summary>
    public const string RobotAttachment = """
        <xml>
        	<WebhookUrl><![CDATA[http://in.qyapi.weixin.qq.com/cgi-bin/webhook/send?key=WEBHOOK]]></WebhookUrl>
        	<MsgId><![CDATA[0GLL5fDZQF-1ygUp_4ECfAAA]]></MsgId>
        	<ChatId><![CDATA[CHATID]]></ChatId>
        	<PostId><![CDATA[POSTID]]></PostId>
        	<ChatType>group</ChatType>
        	<From>
        		<UserId><![CDATA[zhangsan]]></UserId>
        		<Name><![CDATA[张三]]></Name>
        		<Alias><![CDATA[zhangsan]]></Alias>
        	</From>
        	<GetChatInfoUrl><![CDATA[https://qyapi.weixin.qq.com/cgi-bin/webhook/get_chat_info?code=CODE]]></GetChatInfoUrl>
        	<MsgType><![CDATA[attachment]]></MsgType>
        	<Attachment>
        		<CallbackId><![CDATA[btn_for_show_more]]></CallbackId>
        		<Actions>
        			<Name><![CDATA[btn_more]]></Name>
        			<Value><![CDATA[btn_more]]></Value>
        			<Type><![CDATA[button]]></Type>
        		</Actions>
        	</Attachment>
        </xml>
        """;

    /// <summary>
    /// The robot added to a chat: owent/wxwork_robotd, src/wxwork_robot/message.rs (WXWORKROBOT_TEST_MSG_EVENT), the same
    /// as doc 99399's 事件消息 example with its AppVersion and PostId. Published with ChatType single.
    /// </summary>
    public const string RobotAddToChat = """
        <xml>
                <WebhookUrl> <![CDATA[https://qyapi.weixin.qq.com/xxxxxxx]]></WebhookUrl>
                <PostId><![CDATA[bpkSFfCgAAWeiHos2p6lJbG3_F2xxxxx]]></PostId>
                <ChatId><![CDATA[wrkSFfCgAALFgnrSsWU38puiv4yvExuw]]></ChatId>
                <ChatType>single</ChatType>
                <GetChatInfoUrl><![CDATA[https://qyapi.weixin.qq.com/cgi-bin/webhook/get_chat_info?code=m49c5aRCdEP8_QQdZmTNR52yJ5TLGcIMzaLJk3x5KqY]]></GetChatInfoUrl>
                <From>
                    <UserId>zhangsan</UserId>
                    <Name><![CDATA[张三]]></Name>
                    <Alias><![CDATA[jackzhang]]></Alias>
                </From>
                <MsgType>event</MsgType>
                <Event>
                    <EventType><![CDATA[add_to_chat]]></EventType>
                </Event>
                <AppVersion><![CDATA[2.8.12.1551]]></AppVersion>
                <MsgId>abcdabcdabcd</MsgId>
            </xml>
        """;

    /// <summary>
    /// The robot removed from a chat. Doc 99399 documents delete_from_chat (「delete_from_chat表示被移出会话」) in the same
    /// 事件消息 shape without printing one; this is its example with that EventType and its own MsgId, nothing else changed.
    /// </summary>
    public const string RobotDeleteFromChat = """
        <xml>
        	<WebhookUrl> <![CDATA[https://qyapi.weixin.qq.com/xxxxxxx]]></WebhookUrl>
        	<ChatId><![CDATA[wrkSFfCgAALFgnrSsWU38puiv4yvExuw]]></ChatId>
        	<ChatType>single</ChatType>
        	<GetChatInfoUrl><![CDATA[https://qyapi.weixin.qq.com/cgi-bin/webhook/get_chat_info?code=m49c5aRCdEP8_QQdZmTNR52yJ5TLGcIMzaLJk3x5KqY]]></GetChatInfoUrl>
        	<From>
        		<UserId>zhangsan</UserId>
        		<Name><![CDATA[张三]]></Name>
        		<Alias><![CDATA[jackzhang]]></Alias>
        	</From>
        	<MsgType>event</MsgType>
        	<Event>
        		<EventType><![CDATA[delete_from_chat]]></EventType>
        	</Event>
        	<MsgId>efghefghefgh</MsgId>
        </xml>
        """;

    // ---- 智能机器人 callback (JSON, docs 100719 / 101031) ----

    /// <summary>Tencent's doc 100719 (智能机器人 接收消息), 文本消息 example: a group text quoting an earlier message.</summary>
    public const string AiBotTextWithQuote = """
        {
            "msgid": "CAIQ16HMjQYY\/NGagIOAgAMgq4KM0AI=",
            "aibotid": "AIBOTID",
            "chatid": "CHATID",
            "chattype": "group",
            "from": {
                "userid": "USERID"
            },
            "response_url": "RESPONSEURL",
            "msgtype": "text",
            "text": {
                "content": "@RobotA hello robot"
            },
            "quote": {
                "msgtype": "text",
                "text": {
                    "content": "这是今日的测试情况"
                }
            }
        }
        """;

    /// <summary>Doc 100719, 图文混排消息 example: text and a picture in a group, quoting a text.</summary>
    public const string AiBotMixed = """
        {
            "msgid": "CAIQrcjMjQYY/NGagIOAgAMg6PDc/w0=",
            "aibotid": "AIBOTID",
            "chatid": "CHATID",
            "chattype": "group",
            "from": {
                "userid": "USERID"
            },
            "response_url": "RESPONSEURL",
            "msgtype": "mixed",
            "mixed": {
                "msg_item": [
                    {
                        "msgtype": "text",
                        "text": {
                            "content": "@机器人 这是今日的测试情况"
                        }
                    },
                    {
                        "msgtype": "image",
                        "image": {
                            "url": "https://ww-aibot-img-1258476243.cos.ap-guangzhou.myqcloud.com/BHoPdA3/7571665296904772241?sign=q-sign-algorithm%3Dsha1%26q-ak%3DAKIDbBpaJvdLBvpnibcYcfyPuaO5f9U1UoGo%26q-sign-time%3D1733467811%3B1733468111%26q-key-time%3D1733467811%3B1733468111%26q-header-list%3Dhost%26q-url-param-list%3D%26q-signature%3D0f7b6576943685f82870bc8db306dbf09dfe0fd6 "
                        }
                    }
                ]
            },
            "quote": {
                "msgtype": "text",
                "text": {
                    "content": "这是今日的测试情况"
                }
            }
        }
        """;

    /// <summary>Doc 100719, 语音消息 example: speech turned into text by WeCom, in a one-to-one chat.</summary>
    public const string AiBotVoice = """
        {
            "msgid": "CAIQrcjMjQYY/NGagIOAgAMg6PDc/w0=",
            "aibotid": "AIBOTID",
            "chattype": "single",
            "from": {
                "userid": "USERID"
            },
            "response_url": "RESPONSEURL",
            "msgtype": "voice",
            "voice": {
                "content": "这是语音转成文本的内容"
            }
        }
        """;

    /// <summary>
    /// A real 智能机器人 group message quoting a picture, with the bot named at the end: the 「实测样本」 printed in a
    /// public integration plan found by code search (its repository is not named by the index); its ids were elided there
    /// ("e6fdbf74...", "aib...") and are left so, its response_code too.
    /// </summary>
    public const string AiBotQuoteMentionLast = """
        {"msgid":"e6fdbf74...","aibotid":"aib...","chatid":"wrS7aGNQAApqNLsMLS_7RurTthP1vi5A","chattype":"group","from":{"userid":"WangHao"},"msgtype":"text","text":{"content":"hello@项目开发管理助手 "},"response_url":"https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=...","quote":{"msgtype":"image","image":{"url":"https://...myqcloud.com/..."}}}
        """;

    /// <summary>Doc 100719 (接收事件), 进入会话事件 example: someone opened a chat with the bot; no chatid, no chattype.</summary>
    public const string AiBotEnterChat = """
        {
            "msgid": "CAIQ16HMjQYY\/NGagIOAgAMgq4KM0AI=",
        	"create_time":1700000000,
            "aibotid": "AIBOTID",
            "from": {
        		"corpid": "wpxxxx",
                "userid": "USERID"
            },
            "msgtype": "event",
            "event": {
                "eventtype": "enter_chat"
            }
        }
        """;
}
