using System.Net;
using System.Text;
using Bot.Storage;
using Bot.Tests.Support;
using Npgsql;

namespace Bot.Tests.Admin;

public class NoticesApiTests : AdminTest
{
    private static readonly DateTimeOffset Posted = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero); // 09:00 in Shanghai
    private long _notice;

    [OneTimeSetUp]
    public async Task PostANoticeAsync()
    {
        foreach (var (id, name) in new[] { ("n-t1", "王老师"), ("n-t2", "李老师"), ("n-t3", "张老师"), ("n-t4", "赵老师"), ("n-lead", "刘主任") })
            await JsonAsync(await PutAsync($"/api/people/{id}", new { name, department = "高一" }));
        await JsonAsync(await PutAsync("/api/groups/chat-notice", new { name = "高一年级组", owner = "n-lead", members = new[] { "n-lead", "n-t1", "n-t2", "n-t3", "n-t4" } }));

        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        _notice = await NoticeStore.InsertAsync(connection, transaction, "chat-notice", null, "n-lead", "明天上午九点开会，收到请回复：我已知晓，马上照办！",
            "我已知晓，马上照办", Posted, Posted.AddHours(2), ["n-t1", "n-t2", "n-t3", "n-t4"], CancellationToken.None);
        await NoticeStore.RecordReplyAsync(connection, transaction, _notice, "n-t1", Posted.AddMinutes(5), false, CancellationToken.None);
        await NoticeStore.RecordReplyAsync(connection, transaction, _notice, "n-t2", Posted.AddHours(3), true, CancellationToken.None);
        await NoticeStore.MarkRemindedAsync(connection, transaction, _notice, Posted.AddHours(2), Posted.AddDays(1), CancellationToken.None);
        await NoticeStore.RecordExplanationAsync(connection, transaction, _notice, "n-t3", Posted.AddHours(4), CancellationToken.None);
        await transaction.CommitAsync();
    }

    [Test]
    public async Task A_notice_shows_who_replied_when_and_how_fast_who_explained_and_who_is_pending()
    {
        var notices = (await GetJsonAsync("/api/groups/chat-notice/notices")).AsArray();
        var notice = notices.Single()!;
        var one = await GetJsonAsync($"/api/notices/{_notice}");

        foreach (var n in new[] { notice, one })
        {
            Assert.That(n["id"]!.GetValue<long>(), Is.EqualTo(_notice));
            Assert.That(n["issuer"]!.GetValue<string>(), Is.EqualTo("n-lead"));
            Assert.That(n["issuerName"]!.GetValue<string>(), Is.EqualTo("刘主任"));
            Assert.That(n["phrase"]!.GetValue<string>(), Is.EqualTo("我已知晓，马上照办"));
            Assert.That(n["stage"]!.GetValue<string>(), Is.EqualTo("Reminded"));
            Assert.That(n["postedAt"]!.GetValue<string>(), Is.EqualTo("2026-03-10T09:00:00+08:00"), "on the group's clock");
            Assert.That(n["replyDeadline"]!.GetValue<string>(), Is.EqualTo("2026-03-10T11:00:00+08:00"));
            Assert.That(n["remindedAt"]!.GetValue<string>(), Is.EqualTo("2026-03-10T11:00:00+08:00"));
            Assert.That(n["explanationDeadline"]!.GetValue<string>(), Is.EqualTo("2026-03-11T09:00:00+08:00"));

            var replied = n["replied"]!.AsArray();
            Assert.That(replied.Select(r => (r!["userId"]!.GetValue<string>(), r["name"]!.GetValue<string>(), r["late"]!.GetValue<bool>(), r["secondsToReply"]!.GetValue<long>())),
                Is.EqualTo(new[] { ("n-t1", "王老师", false, 300L), ("n-t2", "李老师", true, 10800L) }));
            Assert.That(replied[0]!["at"]!.GetValue<string>(), Is.EqualTo("2026-03-10T09:05:00+08:00"));
            Assert.That(n["explained"]!.AsArray().Select(e => e!["userId"]!.GetValue<string>()), Is.EqualTo(new[] { "n-t3" }));
            Assert.That(n["pending"]!.AsArray().Select(p => (p!["userId"]!.GetValue<string>(), p["name"]!.GetValue<string>())), Is.EqualTo(new[] { ("n-t4", "赵老师") }));
            Assert.That(n["escalated"]!.AsArray(), Is.Empty);
        }
    }

    [Test]
    public async Task The_csv_export_has_chinese_headers_and_one_row_per_asked_member_on_the_groups_clock()
    {
        var response = await Api.GetAsync("/api/groups/chat-notice/notices.csv");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.That(bytes[..3], Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "a BOM, so spreadsheets read the names as UTF-8");

        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        const string notice = "高一年级组,刘主任,2026-03-10 09:00:00,2026-03-10 11:00:00,已提醒，等待说明";
        const string text = "明天上午九点开会，收到请回复：我已知晓，马上照办！";
        Assert.That(lines, Is.EqualTo(new[]
        {
            "通知编号,群,发布人,发布时间,回复截止,通知状态,成员,账号,部门,回复情况,回复时间,用时,情况说明时间,上报时间,通知内容",
            $"{_notice},{notice},王老师,n-t1,高一,按时回复,2026-03-10 09:05:00,5分钟,,,{text}",
            $"{_notice},{notice},李老师,n-t2,高一,逾期回复,2026-03-10 12:00:00,3小时,,,{text}",
            $"{_notice},{notice},张老师,n-t3,高一,已作情况说明,,,2026-03-10 13:00:00,,{text}",
            $"{_notice},{notice},赵老师,n-t4,高一,未回复,,,,,{text}",
        }));
    }

    [Test]
    public async Task Remind_now_enqueues_one_post_mentioning_only_the_pending_and_audits_it()
    {
        var answer = await JsonAsync(await Api.PostAsync($"/api/notices/{_notice}/remind?urgent=true", null));
        Assert.That(answer["mentioned"]!.AsArray().Select(m => m!["userId"]!.GetValue<string>()), Is.EqualTo(new[] { "n-t4" }));

        var posts = await Db.QueryAsync<(string Key, string Payload)>(Database,
            "SELECT idempotency_key, payload::text FROM outbox WHERE idempotency_key LIKE @prefix", new { prefix = $"admin:remind:{_notice}:%" });
        Assert.That(posts, Has.Count.EqualTo(1));
        Assert.That(posts[0].Payload, Does.Contain("\"mentioned_list\": [\"n-t4\"]").And.Contain("赵老师"));
        Assert.That((await AuditAsync("notice.remind"))[0].Subject, Is.EqualTo($"notice:{_notice}"));
    }

    [Test]
    public async Task Remind_now_waits_for_the_end_of_the_groups_quiet_hours_unless_urgent()
    {
        // The fake clock reads 20:10 in Shanghai: this group is quiet from 20:00 to 21:00.
        await JsonAsync(await PutAsync("/api/groups/chat-quiet", new { name = "安静群", members = new[] { "n-t1" },
            policy = new { quietHours = new[] { new { start = "20:00", end = "21:00" } } } }));
        var now = Factory.Time.GetUtcNow();
        long notice;
        await using (var connection = new NpgsqlConnection(Database))
        {
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            notice = await NoticeStore.InsertAsync(connection, transaction, "chat-quiet", null, "n-lead", "收到请回复", "我已知晓，马上照办", now.AddHours(-1), now, ["n-t1"], default);
            await transaction.CommitAsync();
        }

        var answer = await JsonAsync(await Api.PostAsync($"/api/notices/{notice}/remind", null));

        Assert.That(answer["urgent"]!.GetValue<bool>(), Is.False);
        Assert.That(answer["notBefore"]!.GetValue<string>(), Does.EndWith("T21:00:00+08:00"));
        var due = await Db.ScalarAsync<DateTime>(Database, "SELECT next_attempt_at FROM outbox WHERE idempotency_key LIKE @prefix", new { prefix = $"admin:remind:{notice}:%" });
        Assert.That(due, Is.EqualTo(new DateTime(2014, 9, 2, 13, 0, 0, DateTimeKind.Utc)), "21:00 in Shanghai");
    }

    [Test]
    public async Task Unknown_notices_and_groups_are_404()
    {
        Assert.That((await Api.GetAsync("/api/notices/987654")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await Api.PostAsync("/api/notices/987654/remind", null)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await Api.GetAsync("/api/groups/no-such-chat/notices")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await Api.GetAsync("/api/groups/no-such-chat/notices.csv")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
