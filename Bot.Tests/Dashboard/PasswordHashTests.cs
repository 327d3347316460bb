using Bot.Host.Dashboard;

namespace Bot.Tests.Dashboard;

public sealed class PasswordHashTests
{
    [Test]
    public void A_hash_verifies_its_password_only()
    {
        var hash = PasswordHash.Create("秘密 password", iterations: 1_000);
        Assert.That(hash, Does.Match(@"^pbkdf2-sha256\$1000\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$"));
        Assert.That(PasswordHash.Verify("秘密 password", hash), Is.True);
        Assert.That(PasswordHash.Verify("秘密 Password", hash), Is.False);
        Assert.That(PasswordHash.Verify("", hash), Is.False);
    }

    [Test]
    public void The_same_password_hashes_differently_each_time() =>
        Assert.That(PasswordHash.Create("admin", 1_000), Is.Not.EqualTo(PasswordHash.Create("admin", 1_000)));

    [TestCase(null)]
    [TestCase("")]
    [TestCase("admin")]
    [TestCase("pbkdf2-sha256$10$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==")]
    [TestCase("pbkdf2-sha1$100000$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==")]
    [TestCase("pbkdf2-sha256$100000$not base64$aGFzaGhhc2hoYXNoaGFzaA==")]
    public void A_malformed_hash_verifies_nothing(string? hash)
    {
        Assert.That(PasswordHash.IsWellFormed(hash), Is.False);
        Assert.That(PasswordHash.Verify("admin", hash), Is.False);
    }

    [Test]
    public void The_cli_prints_a_hash_that_verifies()
    {
        using var output = new StringWriter();
        Assert.That(PasswordHashCommand.TryRun(["hash-password", "admin"], output), Is.True);
        Assert.That(PasswordHash.Verify("admin", output.ToString().Trim()), Is.True);
        Assert.That(PasswordHashCommand.TryRun(["--urls", "http://127.0.0.1:5080"], output), Is.False, "anything else starts the host");
    }
}
