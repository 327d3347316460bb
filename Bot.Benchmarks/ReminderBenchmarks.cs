using BenchmarkDotNet.Attributes;
using Bot.Rules.Acknowledgement;
using Bot.Rules.Messaging;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;

namespace Bot.Benchmarks;

/// <summary>
/// Planning the reminder of a notice to a 2,000-member group: who has not replied, the post, and its split into
/// WeCom-sized messages that mention each member once (issue: "well under a second").
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class ReminderBenchmarks
{
    private static readonly DateTimeOffset Posted = new(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8));
    private NoticeState _notice = null!;
    private GroupState _state = null!;

    [GlobalSetup]
    public void Setup()
    {
        var members = Enumerable.Range(1, 2000).Select(i => $"teacher{i:0000}").ToList();
        var people = members.ToDictionary(m => m, m => new Person(m, $"教师{m[7..]}", "教研组", null, null));
        people["boss"] = new Person("boss", "王主任", "教务处", null, null);
        var group = new GroupInfo("big", "全区教师群", "key", "boss", ["boss", .. members], ["boss"]);
        // A tenth replied; 1,800 are reminded.
        var duties = members.Select((m, i) => new Duty(m, i % 10 == 0 ? Posted.AddMinutes(5) : null, false, null, false)).ToList();
        _notice = new NoticeState(1, "big", "boss", "全区教师请于周五前完成培训。收到请回复：我已知晓，马上照办！", "我已知晓，马上照办",
            Posted, Posted.AddHours(2), null, null, NoticeStage.Open, duties);
        _state = new GroupState(group, new GroupPolicy(), people, [_notice], [], [], 0);
    }

    [Benchmark]
    public int PlanReminderFor2000Members()
    {
        var decision = NoticeTimers.OnReplyDeadline(_notice, _state, Posted.AddHours(2));
        var post = decision.Effects.OfType<PostToGroup>().Single();
        var chunks = MentionSplitter.Split(post.Text, post.Mentions.Select(id => new Mention(id, _state.NameOf(id))).ToList());
        return chunks.Count;
    }
}
