using BenchmarkDotNet.Attributes;
using Bot.Rules.Moderation;

namespace Bot.Benchmarks;

/// <summary>One short group message through the default lists, as the bot scans every message.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class MatcherBenchmarks
{
    private const string Clean = "请各位班主任于周五前上交学生安全责任书，收到请回复：我已知晓，马上照办！";
    private const string Evasive = "周末一起去赌.博吗？加ＶＸ详聊，路口交通不好，你个傻逼";

    // Wakes most phrase detectors (a price, 私聊, 助力, 听说, 试卷) and is still a teacher's ordinary notice.
    private const string Busy = "听说明天降温。资料费九块九，试卷和答案明天发回，运动会欢迎家长助力加油，有问题私聊我";

    private readonly WordHit[] _hits = new WordHit[32];
    private readonly PrivacyHit[] _privacy = new PrivacyHit[8];
    private DefaultWordLists.Lists _lists = null!;
    private WordMatcher _matcher = null!;
    private ContentScanner _scanner = null!;

    [GlobalSetup]
    public void Setup()
    {
        _lists = DefaultWordLists.Load();
        _matcher = WordMatcher.Build(_lists.Banned, _lists.Allowed);
        _scanner = new ContentScanner(_matcher);
    }

    [Benchmark(Baseline = true)]
    public int ScanCleanMessage() => _matcher.Scan(Clean, _hits);

    [Benchmark]
    public int ScanEvasiveMessage() => _matcher.Scan(Evasive, _hits);

    [Benchmark]
    public int PrivacyCleanMessage() => PrivacyDetector.Scan(Clean, _privacy);

    /// <summary>Everything banned-content reads in a message: words, personal data, solicitation, phrase detectors.</summary>
    [Benchmark]
    public int ContentScanCleanMessage() => _scanner.Scan(Clean).Count;

    [Benchmark]
    public int ContentScanBusyMessage() => _scanner.Scan(Busy).Count;

    [Benchmark]
    public WordMatcher BuildDefaultLists() => WordMatcher.Build(_lists.Banned, _lists.Allowed);
}
