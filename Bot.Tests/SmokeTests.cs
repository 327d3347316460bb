namespace Bot.Tests;

public class SmokeTests
{
    [Test]
    public void Solution_builds() => Assert.That(typeof(Program).Assembly.GetName().Name, Is.EqualTo("Bot.Host"));
}
