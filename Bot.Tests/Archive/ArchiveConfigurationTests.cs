using Bot.Tests.Support;

namespace Bot.Tests.Archive;

/// <summary>The archive's configuration: refused at start-up with the key named, off when absent, never repeating a secret.</summary>
[NonParallelizable]
public class ArchiveConfigurationTests
{
    private StandInArchive _archive = null!;

    [OneTimeSetUp]
    public void Build() => _archive = new StandInArchive([1, 2]);

    [OneTimeTearDown]
    public void Remove() => _archive.Dispose();

    private string Refusal(Action<Dictionary<string, string?>> change)
    {
        var settings = _archive.Settings();
        change(settings);
        using var factory = new BotFactory(settings, connectionString: "Host=127.0.0.1;Database=unused");
        var error = Assert.Catch(() => factory.CreateClient());
        return Flatten(error!);
    }

    [Test]
    public void An_SDK_that_is_not_there_stops_the_host_naming_the_key() =>
        Assert.That(Refusal(s => s["WeCom:Archive:SdkPath"] = "/nonexistent/libWeWorkFinanceSdk_C.so"),
            Does.Contain("WeCom:Archive:SdkPath").And.Contain("no file"));

    [Test]
    public void A_library_that_is_not_the_SDK_stops_the_host_naming_the_missing_functions()
    {
        // libc loads, but exports none of WeWorkFinanceSdk_C.h's functions.
        var libc = new[] { "/lib/x86_64-linux-gnu/libc.so.6", "/lib/aarch64-linux-gnu/libc.so.6", "/usr/lib64/libc.so.6" }.First(File.Exists);
        Assert.That(Refusal(s => s["WeCom:Archive:SdkPath"] = libc), Does.Contain("WeCom:Archive:SdkPath").And.Contain("GetChatData"));
    }

    [Test]
    public void A_private_key_that_does_not_parse_stops_the_host_naming_its_version_and_not_its_value()
    {
        var refusal = Refusal(s => s["WeCom:Archive:PrivateKeys:2"] = "-----BEGIN RSA PRIVATE KEY-----\nnot-a-key-SECRETVALUE\n-----END RSA PRIVATE KEY-----");
        Assert.That(refusal, Does.Contain("WeCom:Archive:PrivateKeys:2").And.Not.Contain("SECRETVALUE"));
    }

    [TestCase("WeCom:Archive:Secret", "", "WeCom:Archive:Secret")]
    [TestCase("WeCom:Archive:PageSize", "1001", "WeCom:Archive:PageSize")]
    [TestCase("WeCom:CorpId", "", "WeCom:CorpId")]
    [TestCase("WeCom:Archive:PrivateKeys:latest", "x", "WeCom:Archive:PrivateKeys:latest")]
    public void Other_bad_settings_stop_the_host_naming_the_key(string key, string value, string named) =>
        Assert.That(Refusal(s => s[key] = value), Does.Contain(named));

    [Test]
    public void Keys_without_an_SDK_are_refused_rather_than_silently_ignored() =>
        Assert.That(Refusal(s => s["WeCom:Archive:SdkPath"] = ""), Does.Contain("WeCom:Archive:SdkPath is required"));

    [Test]
    public async Task Without_configuration_the_archive_is_off_and_a_group_cannot_be_set_to_it()
    {
        await using var bot = await BotWithFakeWeCom.StartAsync(DateTimeOffset.UtcNow);
        await bot.SeedGroupAsync("wrkOff", "群", "key-off", "wang", ["wang"], ["wang"]);
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/groups/wrkOff/archive")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { roomId = "wrRoom", channel = "archive" }),
        };
        request.Headers.Authorization = new("Bearer", BotFactory.Defaults["Admin:ApiKey"]);
        using var response = await bot.Client.SendAsync(request);

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("WeCom:Archive:SdkPath is not configured"));
        Assert.That(await Db.ScalarAsync<long>(bot.ConnectionString, "SELECT count(*) FROM archive_cursor"), Is.Zero, "nothing was read");
    }

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate ? string.Join("\n", aggregate.InnerExceptions.Select(Flatten))
        : error.Message + (error.InnerException is { } inner ? "\n" + Flatten(inner) : "");
}
