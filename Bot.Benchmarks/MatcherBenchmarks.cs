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

    private readonly WordHit[] _hits = new WordHit[32];
    private readonly PrivacyHit[] _privacy = new PrivacyHit[8];
    private DefaultWordLists.Lists _lists = null!;
    private WordMatcher _matcher = null!;

    [GlobalSetup]
    public void Setup()
    {
        _lists = DefaultWordLists.Load();
        _matcher = WordMatcher.Build(_lists.Banned, _lists.Allowed);
    }

    [Benchmark(Baseline = true)]
    public int ScanCleanMessage() => _matcher.Scan(Clean, _hits);

    [Benchmark]
    public int ScanEvasiveMessage() => _matcher.Scan(Evasive, _hits);

    [Benchmark]
    public int PrivacyCleanMessage() => PrivacyDetector.Scan(Clean, _privacy);

    [Benchmark]
    public WordMatcher BuildDefaultLists() => WordMatcher.Build(_lists.Banned, _lists.Allowed);
}
