using Bot.Host.WeCom.Archive;
using Bot.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using static Bot.Host.Dashboard.Html;

namespace Bot.Host.Sandbox;

/// <summary>The sandbox page: a how-to, the group chat, a compose box, and each recipient's private messages.</summary>
public static class SandboxPage
{
    public static async Task<IResult> RenderAsync(HttpContext http, NpgsqlDataSource dataSource, IOptions<SandboxOptions> options, SandboxSender sender,
        CancellationToken ct)
    {
        var sandbox = options.Value;
        var groups = await DirectoryQueries.GroupsAsync(dataSource, ct);
        var archived = await ArchivedGroupsAsync(dataSource, ct);
        var groupOptions = string.Concat(groups.Select(g =>
            $"""<option value="{E(g.ChatId)}" data-archive="{(archived.Contains(g.ChatId) ? "on" : "off")}"{(g.ChatId == sandbox.ChatId ? " selected" : "")}>{E(g.Name.Length > 0 ? g.Name : g.ChatId)}</option>"""));
        var archiveSwitch = http.RequestServices.GetService<SandboxArchive>() is null ? ""
            : """<label class="toggle" title="会话存档能看到群里的每一条消息：打开后，不@机器人的消息机器人也能收到"><input type="checkbox" id="archive"> 会话存档</label>""";
        var memberOptions = "";
        foreach (var group in groups)
            memberOptions += string.Concat((await DirectoryQueries.MembersAsync(dataSource, group.ChatId, ct)).Select(m =>
                $"""<option value="{E(m.UserId)}" data-chat="{E(group.ChatId)}">{E(m.Name.Length > 0 ? m.Name : m.UserId)}{(m.Department.Length > 0 ? $"（{E(m.Department)}）" : "")}</option>"""));

        return Document("沙盒", $"""
            <header class="top"><span class="brand">群规助手 · 沙盒</span><nav><a href="/sandbox" class="active">沙盒</a><a href="/admin">管理后台</a></nav></header>
            <main>
              <h1>沙盒：不用企业微信账号，也能看到机器人怎样工作</h1>
              {HowTo(sandbox, sender.BotName)}
              <div class="sandbox">
                <section>
                  <h2>群聊</h2>
                  <div class="chat" id="chat" aria-live="polite"></div>
                  {Form(http, "/sandbox/send", $"""
                    <label>群 <select name="chatId" id="group">{groupOptions}</select></label>
                    <label>以谁的身份 <select name="userId" id="member">{memberOptions}</select></label>
                    <label class="grow">消息<textarea name="text" id="text" rows="2" maxlength="{SandboxEndpoints.MaxText}" required></textarea></label>
                    <label class="toggle" title="企业微信只把@了机器人的群消息交给机器人"><input type="checkbox" id="mention" checked> @{E(sender.BotName)}</label>
                    {archiveSwitch}
                    <button type="submit" id="send">发送</button>
                    """, "compose")}
                  <p id="status" class="muted"></p>
                </section>
                <aside>
                  <h2>私信（机器人发给个人）</h2>
                  <div id="inboxes"><p class="muted" id="no-inbox">还没有私信。上报与提醒会出现在收件人的方框里。</p></div>
                </aside>
              </div>
            </main>
            <script src="/sandbox/sandbox.js"></script>
            """);
    }

    private static string HowTo(SandboxOptions sandbox, string botName)
    {
        static string Step(string user, string text, string label) =>
            $"""{E(label)} <button type="button" class="fill" data-user="{E(user)}" data-text="{E(text)}">填入</button>""";
        var reply = Seconds(sandbox.ReplyWindow);
        var explain = Seconds(sandbox.ExplanationWindow);
        return $"""
            <section class="howto">
              <h2>怎么试（约两分钟）</h2>
              <ol>
                <li>王主任发通知：{Step("wang", "明天上午9点全体教师到会议室开会。收到请回复：我已知晓，马上照办（坚决执行）！", "「……收到请回复：我已知晓，马上照办（坚决执行）！」")}</li>
                <li>张老师回复：{Step("t1", "好的，我已知晓，马上照办[抱拳]", "「好的，我已知晓，马上照办[抱拳]」")}；陈老师只回：{Step("t2", "收到", "「收到」")}，机器人私信告诉她怎样回复才算数（右侧私信）。</li>
                <li>刘老师取消勾选「@{E(botName)}」再回复：{Step("t3", "我已知晓，马上照办", "「我已知晓，马上照办」")}。这条消息群里看得到，机器人却收不到（企业微信只把@机器人的群消息交给机器人），所以到时仍会提醒他。
                  若勾选「会话存档」（企业开通会话内容存档后，机器人能读到群里的每一条消息），不@机器人的回复也算数。</li>
                <li>等 {reply}：机器人在群里 @ 还没回复的老师（高亮的是@到的人）。</li>
                <li>黄老师作情况说明：{Step("t4", "情况说明：今天上午在外校培训，未能及时回复，今后一定注意。", "「情况说明：……」")}</li>
                <li>再等 {explain}：仍未回复也未说明的老师，被私信上报给各自的组长（右侧私信）。</li>
                <li>违禁内容：{Step("t5", "有需要的家长加我微信，低价代购", "「有需要的家长加我微信，低价代购」")}，机器人 @ 警告并要求撤回。</li>
              </ol>
              <p class="muted">勾选「@{E(botName)}」的消息都按企业微信的方式加密、签名，发到本机机器人的回调地址；机器人的发言发往本机模拟的企业微信接口，再显示在这里。结果也可在 <a href="/admin">管理后台</a>查看。</p>
            </section>
            """;
    }

    private static async Task<HashSet<string>> ArchivedGroupsAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await ArchiveStore.RoomMapAsync(connection, ct)).Values.Where(g => g.Channel != "callback").Select(g => g.ChatId).ToHashSet(StringComparer.Ordinal);
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds < 120 ? $"{span.TotalSeconds:0} 秒" : $"{span.TotalMinutes:0} 分钟";
}
