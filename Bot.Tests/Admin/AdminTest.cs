using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Tests.Support;

namespace Bot.Tests.Admin;

/// <summary>
/// The real host on a fresh database with the fake WeCom API behind it (so nothing the outbox sends leaves the machine),
/// and a client that carries the admin key.
/// </summary>
public abstract class AdminTest
{
    public const string Key = "admin-key-for-tests";

    private FakeWeComServer _weCom = null!;

    protected BotFactory Factory { get; private set; } = null!;

    protected HttpClient Api { get; private set; } = null!;

    protected string Database => Factory.ConnectionString;

    [OneTimeSetUp]
    public async Task StartHostAsync()
    {
        _weCom = await FakeWeComServer.StartAsync();
        Factory = new BotFactory(new Dictionary<string, string?> { ["WeCom:ApiBaseUrl"] = _weCom.BaseUri.ToString() });
        Api = Factory.CreateClient();
        Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
    }

    [OneTimeTearDown]
    public async Task StopHostAsync()
    {
        Api.Dispose();
        await Factory.DisposeAsync();
        await _weCom.DisposeAsync();
    }

    protected Task<HttpResponseMessage> PutAsync(string path, object body) => Api.PutAsJsonAsync(path, body);

    protected Task<HttpResponseMessage> PostAsync(string path, object body) => Api.PostAsJsonAsync(path, body);

    protected Task<HttpResponseMessage> PostTextAsync(string path, string text, string mediaType = "text/plain") =>
        Api.PostAsync(path, new StringContent(text, Encoding.UTF8, mediaType));

    /// <summary>The answer's JSON, after checking its status (the body is shown when the status is not the expected one).</summary>
    protected static async Task<JsonNode> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), text);
        return JsonNode.Parse(text)!;
    }

    protected async Task<JsonNode> GetJsonAsync(string path) => await JsonAsync(await Api.GetAsync(path));

    /// <summary>The newest audit rows, as the database holds them.</summary>
    protected Task<IReadOnlyList<(string Actor, string Action, string Subject, string Detail)>> AuditAsync(string action) =>
        Db.QueryAsync<(string, string, string, string)>(Database,
            "SELECT actor, action, subject, detail::text FROM audit_log WHERE action = @action ORDER BY id DESC", new { action });
}
