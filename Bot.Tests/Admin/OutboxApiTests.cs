using System.Net;
using Bot.Tests.Support;

namespace Bot.Tests.Admin;

public class OutboxApiTests : AdminTest
{
    private Task<long> InsertAsync(string status, string key) =>
        Db.ScalarAsync<long>(Database, """
            INSERT INTO outbox (idempotency_key, kind, rate_key, target, chat_id, payload, reason, status, attempts, created_at, next_attempt_at, last_error)
            VALUES (@key, 'webhook', 'group:chat-dead', 'chat-dead', 'chat-dead', '{"content":"x","mentioned_list":[]}', 'test', @status, 5,
                    '2014-09-02T12:00:00Z', '2014-09-02T12:00:00Z', 'errcode 93000 for https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=very-secret-key')
            RETURNING id
            """, new { key, status });

    [OneTimeSetUp]
    public async Task ConfigureTheGroupAsync() =>
        // A webhook key on the fake WeCom API: once resent, the dispatcher can deliver the message.
        await JsonAsync(await PutAsync("/api/groups/chat-dead", new { name = "dead letters", webhookKey = "dead-letter-key" }));

    [Test]
    public async Task A_dead_message_is_listed_then_resent_once_and_audited()
    {
        var id = await InsertAsync("dead", "dead-1");

        var dead = (await GetJsonAsync("/api/outbox?status=dead")).AsArray();
        var row = dead.Single(r => r!["id"]!.GetValue<long>() == id)!;
        Assert.That(row["status"]!.GetValue<string>(), Is.EqualTo("dead"));
        Assert.That(row["lastError"]!.GetValue<string>(), Does.Contain("key=***").And.Not.Contain("very-secret-key"));

        var resent = await JsonAsync(await Api.PostAsync($"/api/outbox/{id}/resend", null));
        Assert.That(resent["status"]!.GetValue<string>(), Is.EqualTo("pending"));
        var (attempts, status) = (await Db.QueryAsync<(int, string)>(Database, "SELECT attempts, status FROM outbox WHERE id = @id", new { id }))[0];
        Assert.That(status, Is.AnyOf("pending", "sending", "sent"), "resent (and perhaps delivered already)");
        Assert.That(attempts, Is.LessThanOrEqualTo(1), "attempts reset (the dispatcher may have taken it already)");

        await JsonAsync(await Api.PostAsync($"/api/outbox/{id}/resend", null), HttpStatusCode.Conflict);
        Assert.That((await AuditAsync("outbox.resend")).Select(a => a.Subject), Is.EqualTo(new[] { $"outbox:{id}" }));
    }

    [Test]
    public async Task A_sent_message_cannot_be_resent_and_an_unknown_one_is_404()
    {
        var id = await InsertAsync("sent", "sent-1");
        await JsonAsync(await Api.PostAsync($"/api/outbox/{id}/resend", null), HttpStatusCode.Conflict);
        Assert.That((await Api.PostAsync("/api/outbox/999999/resend", null)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task An_unknown_status_is_400_naming_status()
    {
        var problem = await JsonAsync(await Api.GetAsync("/api/outbox?status=lost"), HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]!["status"], Is.Not.Null);
    }
}
