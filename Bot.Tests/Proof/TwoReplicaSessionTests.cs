using System.Net;
using Bot.Tests.Support;

namespace Bot.Tests.Proof;

/// <summary>
/// Two host processes on one database, each with its own home directory as on two machines: a login on one is a
/// session on both (the cookie's keys and the session live in PostgreSQL), a form rendered by one is accepted by the
/// other, and a logout on either ends the session everywhere.
/// </summary>
[NonParallelizable]
public sealed class TwoReplicaSessionTests
{
    [Test]
    public async Task A_login_on_one_replica_is_a_session_on_the_other_until_a_logout_on_either()
    {
        var db = TestPostgres.NewDatabase();
        var homes = new[] { Directory.CreateTempSubdirectory("bot-home-a"), Directory.CreateTempSubdirectory("bot-home-b") };
        try
        {
            var starting = homes.Select(home => HostProcess.StartAsync(db, new Dictionary<string, string?>
            {
                ["HOME"] = home.FullName,
                ["Admin:Users:0:UserName"] = LiveBot.AdminUser,
                ["Admin:Users:0:PasswordHash"] = LiveBot.AdminPasswordHash,
                ["Logging:LogLevel:Default"] = "Warning",
            })).ToArray();
            await using var a = await starting[0];
            await using var b = await starting[1];

            using var onA = await AdminClient.SignedInAsync(a.BaseUri);
            using var onB = new AdminClient(b.BaseUri);
            onB.UseSessionCookie(onA.SessionCookie!);
            Assert.That(await StatusAsync(onB, "/admin/people"), Is.EqualTo(HttpStatusCode.OK), "B reads A's cookie");

            // A's page, B's form handler: the antiforgery token is readable on both, too.
            var token = AdminClient.TokenOf(await onA.GetStringAsync("/admin/people"));
            foreach (var cookie in onA.Cookies.GetCookies(a.BaseUri).Cast<Cookie>()) onB.Cookies.Add(b.BaseUri, new Cookie(cookie.Name, cookie.Value));
            using var saved = await onB.Http.PostAsync(new Uri("/admin/people", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["userId"] = "twin-person", ["name"] = "双机测试", ["__RequestVerificationToken"] = token,
            }));
            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await saved.Content.ReadAsStringAsync());
            Assert.That(await Db.ScalarAsync<long>(db, "SELECT count(*) FROM people WHERE user_id = 'twin-person'"), Is.EqualTo(1));

            using var logout = await onB.PostFormAsync("/admin/people", "/admin/logout", []);
            Assert.That(await StatusAsync(onA, "/admin/people"), Is.EqualTo(HttpStatusCode.Redirect), "the logout on B ended the session on A");
        }
        finally
        {
            foreach (var home in homes) home.Delete(recursive: true);
        }
    }

    private static async Task<HttpStatusCode> StatusAsync(AdminClient client, string path)
    {
        using var response = await client.Http.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }
}
