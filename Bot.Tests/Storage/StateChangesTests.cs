using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;
using Bot.Storage;
using Bot.Tests.Support;
using Npgsql;

namespace Bot.Tests.Storage;

/// <summary>
/// <see cref="StateChanges"/> describes what each effect changes in a group's state; the effect writer stores it. Both
/// must agree: after every effect, the state applied in memory equals the state read back from PostgreSQL.
/// </summary>
public class StateChangesTests
{
    private const string Chat = "wrkStateChanges";
    private static readonly DateTimeOffset Nine = new(2026, 11, 25, 1, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Every_effect_applied_in_memory_gives_the_state_that_the_next_read_finds()
    {
        await using var dataSource = NpgsqlDataSource.Create(TestPostgres.NewDatabase());
        await new Migrator(dataSource).ApplyAsync(CancellationToken.None);
        await Seed.PeopleAsync(dataSource.ConnectionString, Nine, ("boss", "王主任"), ("t1", "张老师"), ("t2", "李老师"), ("t3", "刘老师"));
        await Seed.GroupAsync(dataSource.ConnectionString, Chat, "key", "boss", ["boss", "t1", "t2", "t3"], "{}", Nine);

        // Each step is one decision's effects; ids of what a step opens are those PostgreSQL gives (1, 2, … in a new database).
        long notice = 1, second = 2, rectification = 1;
        var minute = TimeSpan.FromMinutes(1);
        var steps = new (string Sender, Effect[] Effects)[]
        {
            ("boss", [new OpenNotice("boss", "开会。收到请回复", "我已知晓", ["t1", "t2", "t3"], Nine.AddHours(2))]),
            ("t1", [new RecordReply(notice, "t1", Nine.AddMinutes(1), false), new PostToGroup(Chat, "好", [], "test")]),
            ("t1", [new RecordReply(notice, "t1", Nine.AddMinutes(2), true)]),
            ("t9", [new AddToRoster("t9", "新老师"), new RecordViolation("roster", "nickname", "x", Strike: false)]),
            ("t9", [new AddToRoster("t9", "改名"), new RecordViolation("banned-content", "gambling", "赌", Strike: true), new SendPrivate(["boss"], "x", "test")]),
            ("boss", [new MarkReminded(notice, Nine.AddHours(2), Nine.AddHours(26))]),
            ("boss", [new MarkReminded(notice, Nine.AddHours(3), Nine.AddHours(30))]),
            ("t2", [new RecordExplanation(notice, "t2", Nine.AddHours(3))]),
            ("t3", [new RecordPhraseHint(notice, "t3", Nine.AddHours(3))]),
            ("t3", [new RecordPhraseHint(notice, "t3", Nine.AddHours(4))]),
            ("t1", [new RecordExplanation(notice, "t1", Nine.AddHours(3))]),
            ("boss", [new OpenNotice("boss", "第二个通知", "我已知晓", ["t1", "t3"], Nine.AddHours(4))]),
            ("boss", [new MarkEscalated(notice, ["t3"], Nine.AddHours(26))]),
            ("boss", [new CloseNotice(notice, Nine.AddHours(27))]),
            ("boss", [new CancelNotice(second, "boss", Nine.AddHours(5))]),
            ("boss", [new OpenRectification("boss", "t2", "检查通报：t2", Nine.AddHours(1))]),
            ("t2", [new RecordRectificationEvidence(rectification, Nine.AddMinutes(5))]),
            ("t2", [new RecordRectificationReply(rectification, Nine.AddMinutes(6), Nine.AddHours(24))]),
            ("t2", [new RecordRectificationReply(rectification, Nine.AddMinutes(7), Nine.AddHours(48))]),
            ("boss", [new OpenRectification("boss", "t3", "检查通报：t3", Nine.AddHours(1))]),
            ("t2", [new RecordRectificationEvidence(rectification, Nine.AddMinutes(8))]),
            ("boss", [new MarkRectificationEscalated(rectification + 1, "reply", Nine.AddHours(2))]),
        };

        var ids = 0L;
        var rectificationIds = 0L;
        var now = Nine;
        foreach (var (sender, effects) in steps)
        {
            now += minute;
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            var before = await GroupStateStore.LoadAsync(connection, transaction, Chat, sender, new GroupPolicy(), now, default);
            var opensNotice = effects.Any(e => e is OpenNotice);
            var expected = StateChanges.Apply(before, effects, new EffectOrigin(now, () => opensNotice ? ++ids : ++rectificationIds));
            await EffectWriter.ApplyAsync(connection, transaction, new EffectContext($"test:{now.Ticks}", null, Chat, sender, before, now), effects, default);
            var read = await GroupStateStore.LoadAsync(connection, transaction, Chat, sender, new GroupPolicy(), now, default);
            await transaction.CommitAsync();

            var step = string.Join(", ", effects.Select(e => e.GetType().Name));
            Assert.That(Describe(expected), Is.EqualTo(Describe(read)), step);
        }
    }

    /// <summary>Everything of a state that effects change, in a form that compares by value (instants in UTC, as read).</summary>
    private static string Describe(GroupState state) => string.Join("\n",
        [
            $"members {string.Join(",", state.Group.Members)}",
            $"people {string.Join(",", state.People.Values.OrderBy(p => p.UserId, StringComparer.Ordinal).Select(p => $"{p.UserId}={p.Name}"))}",
            $"strikes {state.SenderStrikes}",
            .. state.OpenNotices.Select(n => $"notice {n.Id} {n.Stage} {n.PostedAt.UtcDateTime:O} {n.ReplyDeadline.UtcDateTime:O} {n.RemindedAt?.UtcDateTime:O} {n.ExplanationDeadline?.UtcDateTime:O} "
                + string.Join(";", n.Duties.Select(d => $"{d.UserId}:{d.RepliedAt?.UtcDateTime:O}:{d.Late}:{d.ExplainedAt?.UtcDateTime:O}:{d.Escalated}:{d.HintedAt?.UtcDateTime:O}"))),
            .. state.OpenRectifications.Select(r => $"rectification {r.Id} {r.MemberId} {r.Stage} {r.PostedAt.UtcDateTime:O} {r.RepliedAt?.UtcDateTime:O} {r.EvidenceDeadline?.UtcDateTime:O} {r.EvidenceAt?.UtcDateTime:O}"),
        ]);
}
