using Bot.Rules.Acknowledgement;
using Bot.Rules.Pipeline;
using Bot.Rules.State;
using static Bot.Tests.Acknowledgement.AckTestData;

namespace Bot.Tests.Acknowledgement;

/// <summary>A day of a six-teacher group played through the rules, the timers and an in-memory store.</summary>
public class SchoolScenarioTests
{
    [Test]
    public void Notice_replies_reminder_late_reply_explanation_and_one_escalation()
    {
        var store = new FakeAckStore(State(roster: ["wang", .. Teachers]));

        store.Receive(Text("wang", NoticeText, At(25, 8)));
        store.Receive(Text("zhangsan", "我已知晓，马上照办", At(25, 8, 5)));
        store.Receive(Text("lisi", "收到，我已知晓，马上照办（坚决执行）！", At(25, 8, 10)));
        store.Receive(Text("qianqi", "＠机器人 我已知晓 马上照办!", At(25, 8, 20)));
        var question = store.Receive(Text("wangwu", "你们说的我已知晓马上照办是什么意思", At(25, 8, 30)));

        store.Fire(NoticeTimers.OnReplyDeadline, 1, At(25, 10));
        var reminder = store.Posts.Single(p => p.Mentions.Count > 0);

        store.Receive(Text("wangwu", "我已知晓，马上照办！", At(25, 10, 30)));
        store.Receive(Text("zhaoliu", "情况说明：昨天外出培训，未能及时回复，会议我会准时参加。", At(26, 9)));
        store.Fire(NoticeTimers.OnExplanationDeadline, 1, At(26, 23, 59, 59));

        var notice = store.Notice(1);
        Assert.Multiple(() =>
        {
            Assert.That(question.Effects, Is.Empty);
            Assert.That(question.Verdicts.Select(v => v.Rule), Is.EqualTo(new[] { "commands", "acknowledgement", "rectification", "notice" }));
            Assert.That(reminder.Mentions, Is.EqualTo(new[] { "wangwu", "zhaoliu", "sunba" }));
            Assert.That(notice.Duties.Single(d => d.UserId == "wangwu").Late, Is.True);
            Assert.That(notice.Duties.Single(d => d.UserId == "zhaoliu").ExplainedAt, Is.EqualTo(At(26, 9)));
            Assert.That(store.Privates.Select(p => p.To), Is.EqualTo(new[] { new[] { "chen" } }), "only 孙八's supervisor (the owner: 孙八's head has left) hears of it");
            Assert.That(store.Privates.Single().Text, Does.Contain("1. 孙八").And.Not.Contain("赵六"));
            Assert.That(store.Posts.Select(p => p.Text[..8]), Is.EqualTo(new[] { "【已开始统计回复", "【未回复提醒】王", "【情况通报】通知" }),
                "the tracking note, the reminder, the escalation notice");
            Assert.That(store.Posts[2].Mentions, Is.Empty);
            Assert.That(store.Posts[2].Text, Does.Contain("孙八").And.Contain("已报各部门负责人"));
            Assert.That(notice.Stage, Is.EqualTo(NoticeStage.Escalated));
        });
    }

    [Test]
    public void No_reply_notice_is_not_tracked_and_never_reminded()
    {
        var store = new FakeAckStore(State());
        var decision = store.Receive(Text("wang", "本周五下午第三节课后召开家长会，请各班主任做好准备。此条信息不必回复！", At(25, 8)));

        Assert.Multiple(() =>
        {
            Assert.That(store.State.OpenNotices, Is.Empty);
            Assert.That(decision.Effects, Is.Empty);
            Assert.That(decision.Verdicts.Single(v => v.Rule == "notice").ToString(), Is.EqualTo("notice: pass, no-reply marker 「此条信息不必回复」"));
        });
    }

    [Test]
    public void Cancelled_notice_is_never_reminded()
    {
        var store = new FakeAckStore(State());
        store.Receive(Text("wang", NoticeText, At(25, 8)));
        store.Receive(Text("wang", "撤销", At(25, 8, 30)));
        var deadline = store.Fire(NoticeTimers.OnReplyDeadline, 1, At(25, 10));

        Assert.Multiple(() =>
        {
            Assert.That(store.Notice(1).Stage, Is.EqualTo(NoticeStage.Cancelled));
            Assert.That(deadline.Effects, Is.Empty);
            Assert.That(store.Posts.Select(p => p.Text), Has.Exactly(1).StartWith("已撤销通知"));
            Assert.That(store.Posts.Select(p => p.Text), Has.None.StartWith("【未回复提醒】"));
        });
    }

    [Test]
    public void Reminder_fired_twice_reminds_once()
    {
        var store = new FakeAckStore(State());
        store.Receive(Text("wang", NoticeText, At(25, 8)));
        store.Fire(NoticeTimers.OnReplyDeadline, 1, At(25, 10));
        store.Fire(NoticeTimers.OnReplyDeadline, 1, At(25, 10, 0, 1));

        Assert.That(store.Posts.Select(p => p.Text), Has.Exactly(1).StartWith("【未回复提醒】"));
    }

    [Test]
    public void Pipeline_runs_the_rules_in_the_documented_order() =>
        Assert.That(AckRules.All.Select(r => r.Name), Is.EqualTo(new[] { "commands", "acknowledgement", "rectification", "notice" }));

    [Test]
    public void Every_rule_explains_itself_even_when_it_passes()
    {
        var decision = new RulePipeline(AckRules.All).Evaluate(Text("zhangsan", "今天天气不错", At(25, 9)), State(), At(25, 9));
        Assert.That(decision.Verdicts.Select(v => v.Detail), Has.All.Not.Empty);
    }
}
