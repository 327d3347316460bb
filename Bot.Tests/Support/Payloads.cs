namespace Bot.Tests.Support;

/// <summary>Payloads shaped exactly as WeCom's callbacks deliver them, after decryption.</summary>
public static class Payloads
{
    public static string RobotText(string msgId, string chatId, string userId, string name, string content, string msgType = "text") => $"""
        <xml><WebhookUrl><![CDATA[https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=robot-key]]></WebhookUrl>
        <ChatId><![CDATA[{chatId}]]></ChatId><ChatType>group</ChatType>
        <From><UserId>{userId}</UserId><Name><![CDATA[{name}]]></Name><Alias><![CDATA[{userId}]]></Alias></From>
        <MsgType>{msgType}</MsgType><Text><Content><![CDATA[@规则助手 {content}]]></Content></Text>
        <MsgId>{msgId}</MsgId></xml>
        """;

    public static string AiBotText(string msgId, string chatId, string userId, string content) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            msgid = msgId,
            aibotid = "AIBOT",
            chatid = chatId,
            chattype = "group",
            from = new { userid = userId },
            response_url = "https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=rc",
            msgtype = "text",
            text = new { content = "@规则助手 " + content },
        });

    public static string AppText(string msgId, string userId, string content) =>
        $"<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><FromUserName><![CDATA[{userId}]]></FromUserName>" +
        $"<CreateTime>1409659813</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content>" +
        $"<MsgId>{msgId}</MsgId><AgentID>1000002</AgentID></xml>";
}
