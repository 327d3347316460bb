using System.Globalization;
using System.Net;
using Npgsql;

namespace Bot.LoadGen;

/// <summary>
/// The bot's core flow at scale: one group of <c>members</c> people (seeded straight into the database), a notice from
/// its owner through the callback, then every other member replies 我已知晓，马上照办 at once, as many in flight as there
/// are connections. Measures how fast one group absorbs the burst, and checks that every reply answered 200 was
/// recorded against the notice.
/// </summary>
internal static class NoticeBurst
{
    private const string Chat = "bench-notice";

    public static async Task<(string[] Lines, bool Recorded)> RunAsync(string db, LoadGenerator load, CallbackFactory callbacks, HttpClient http, int members)
    {
        await SeedAsync(db, members);
        using (var notice = callbacks.Build("notice-0", Chat, "n0", "成员0", "明天上午九点全员开会。收到请回复：我已知晓，马上照办！", 0))
        using (var answer = await http.SendAsync(notice))
        {
            if (answer.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"the notice was answered {(int)answer.StatusCode}");
        }

        Console.WriteLine($"{members - 1:N0} members reply to the notice");
        var next = 0;
        var replies = await load.RunAsync((_, seq) =>
        {
            var member = Interlocked.Increment(ref next);
            if (member >= members) return null;
            var id = string.Create(CultureInfo.InvariantCulture, $"reply-{member}");
            return (id, callbacks.Build(id, Chat, $"n{member}", $"成员{member}", "我已知晓，马上照办！", seq));
        }, TimeSpan.FromMinutes(5));

        long recorded;
        await using (var connection = new NpgsqlConnection(db))
        {
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("""
                SELECT count(*) FROM notice_duties d JOIN notices n ON n.id = d.notice_id WHERE n.chat_id = @chat AND d.replied_at IS NOT NULL
                """, connection);
            count.Parameters.AddWithValue("chat", Chat);
            recorded = (long)(await count.ExecuteScalarAsync())!;
        }

        var ok = recorded == replies.Ok && replies.Ok == members - 1;
        var lines = new[]
        {
            "| members | replies answered 200 | errors | replies/s | p50 | p99 | replies recorded on the notice |",
            "|---|---|---|---|---|---|---|",
            string.Create(CultureInfo.InvariantCulture,
                $"| {members:N0} | {replies.Ok:N0} | {replies.Failed:N0} | {replies.PerSecond:N0} | {replies.Percentile(0.5):F1} ms | {replies.Percentile(0.99):F1} ms | {recorded:N0} ({(ok ? "every reply" : "NOT every reply")}) |"),
        };
        return (lines, ok);
    }

    private static async Task SeedAsync(string db, int members)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var seed = new NpgsqlCommand("""
            INSERT INTO people (user_id, name, updated_at) SELECT 'n' || i, '成员' || i, now() FROM generate_series(0, @members - 1) AS i;
            INSERT INTO groups (chat_id, name, owner, issuers, policy, updated_at)
            VALUES (@chat, '全员群', 'n0', ARRAY['n0'], '{"quietHours": []}', now());
            INSERT INTO group_members (chat_id, user_id, source, added_at)
            SELECT @chat, 'n' || i, 'admin', now() FROM generate_series(0, @members - 1) AS i ORDER BY i;
            """, connection);
        seed.Parameters.AddWithValue("chat", Chat);
        seed.Parameters.AddWithValue("members", members);
        await seed.ExecuteNonQueryAsync();
    }
}
