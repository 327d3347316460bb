using System.Net;
using Bot.Tests.Support;

namespace Bot.Tests.Proof;

/// <summary>
/// The dashboard across the two replicas: a login on one is a session on both (the cookie's keys and the session live
/// in PostgreSQL, not in either machine's home directory), a form rendered by one is accepted by the other, and a
/// logout on either ends the session everywhere. And a host's <c>/metrics</c>, read from a process of its own, names
/// nothing of its database connection.
/// </summary>
public partial class TwoReplicaTests
{
    [Test]
    public async Task A_login_on_one_replica_is_a_session_on_the_other_until_a_logout_on_either()
    {
        using var onA = await AdminClient.SignedInAsync(_a.BaseUri);
        using var onB = new AdminClient(_b.BaseUri);
        onB.UseSessionCookie(onA.SessionCookie!);
        Assert.That(await onB.StatusAsync("/admin/people"), Is.EqualTo(HttpStatusCode.OK), "B reads A's cookie");

        // A's page, B's form handler: the antiforgery token is readable on both, too.
        var token = AdminClient.TokenOf(await onA.GetStringAsync("/admin/people"));
        foreach (var cookie in onA.Cookies.GetCookies(_a.BaseUri).Cast<Cookie>()) onB.Cookies.Add(_b.BaseUri, new Cookie(cookie.Name, cookie.Value));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userId"] = "twin-person", ["name"] = "双机测试", ["__RequestVerificationToken"] = token,
        });
        using var saved = await onB.Http.PostAsync(new Uri("/admin/people", UriKind.Relative), form);
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await saved.Content.ReadAsStringAsync());
        Assert.That(await Db.ScalarAsync<long>(_db, "SELECT count(*) FROM people WHERE user_id = 'twin-person'"), Is.EqualTo(1));

        using var logout = await onB.PostFormAsync("/admin/people", "/admin/logout", []);
        Assert.That(await onA.StatusAsync("/admin/people"), Is.EqualTo(HttpStatusCode.Redirect), "the logout on B ended the session on A");
    }

    [Test]
    public async Task No_metrics_label_names_the_database_connection()
    {
        // Work that uses database connections, so that connection-pool metrics exist if anything exports them.
        using var admin = await AdminClient.SignedInAsync(_a.BaseUri);
        await admin.GetStringAsync("/admin/people");
        using var http = new HttpClient { BaseAddress = _a.BaseUri };
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.That(metrics, Does.Contain("pool_name=\"bot\""), "the pool's metrics are there, under a name that says nothing");
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(_db);
        Assert.That(metrics, Does.Not.Contain("Database=").IgnoreCase);
        Assert.That(metrics, Does.Not.Contain(connection.Database!), "the database's name");
        Assert.That(metrics, Does.Not.Contain($"Port={connection.Port}").IgnoreCase);
        Assert.That(metrics, Does.Not.Contain($"\"{connection.Port}\""), "the database's port as a label value");
        Assert.That(metrics, Does.Not.Contain("Username=").IgnoreCase);
    }
}
