using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bot.Host.Admin;
using Bot.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Admin;

public class AdminAuthTests : AdminTest
{
    /// <summary>Every route of the admin API (the last test proves the list complete): method, pattern, a concrete path.</summary>
    public static readonly (string Method, string Pattern, string Path)[] Routes =
    [
        ("GET", "/api/people", "/api/people"),
        ("GET", "/api/people/{userId}", "/api/people/u1"),
        ("PUT", "/api/people/{userId}", "/api/people/u1"),
        ("DELETE", "/api/people/{userId}", "/api/people/u1"),
        ("POST", "/api/people/import", "/api/people/import"),
        ("GET", "/api/groups", "/api/groups"),
        ("GET", "/api/groups/{chatId}", "/api/groups/g1"),
        ("PUT", "/api/groups/{chatId}", "/api/groups/g1"),
        ("GET", "/api/groups/{chatId}/notices", "/api/groups/g1/notices"),
        ("GET", "/api/groups/{chatId}/notices.csv", "/api/groups/g1/notices.csv"),
        ("GET", "/api/notices", "/api/notices?stage=Open"),
        ("GET", "/api/notices.csv", "/api/notices.csv"),
        ("GET", "/api/notices/{id:long}", "/api/notices/1"),
        ("GET", "/api/notices/{id:long}.csv", "/api/notices/1.csv"),
        ("POST", "/api/notices/{id:long}/remind", "/api/notices/1/remind"),
        ("GET", "/api/words", "/api/words?category=gambling"),
        ("POST", "/api/words", "/api/words"),
        ("POST", "/api/words/import", "/api/words/import?category=gambling"),
        ("DELETE", "/api/words/{id:long}", "/api/words/1"),
        ("GET", "/api/violations", "/api/violations"),
        ("POST", "/api/violations/{id:long}/dismiss", "/api/violations/1/dismiss"),
        ("GET", "/api/escalations", "/api/escalations"),
        ("GET", "/api/outbox", "/api/outbox?status=dead"),
        ("POST", "/api/outbox/{id:long}/resend", "/api/outbox/1/resend"),
        ("GET", "/api/audit", "/api/audit"),
        ("POST", "/api/try", "/api/try"),
        ("GET", "/api/archive", "/api/archive"),
        ("PUT", "/api/groups/{chatId}/archive", "/api/groups/g1/archive"),
    ];

    public static IEnumerable<TestCaseData> AllRoutes() =>
        Routes.Select(r => new TestCaseData(r.Method, r.Path).SetArgDisplayNames(r.Method, r.Path));

    private static HttpRequestMessage Request(string method, string path, string? authorization)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        // A well-formed body, so that it is the key, not the body, that gets the request refused.
        if (method is "PUT" or "POST") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return request;
    }

    [TestCaseSource(nameof(AllRoutes))]
    public async Task A_request_without_the_key_is_refused_with_401_problem_json(string method, string path)
    {
        using var client = Factory.CreateClient();
        var response = await client.SendAsync(Request(method, path, null));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
    }

    [TestCaseSource(nameof(AllRoutes))]
    public async Task A_request_with_a_wrong_key_is_refused_with_401(string method, string path)
    {
        using var client = Factory.CreateClient();
        var response = await client.SendAsync(Request(method, path, "Bearer admin-key-for-test"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_put_without_the_key_and_without_a_body_is_refused_with_401_not_400()
    {
        using var client = Factory.CreateClient();
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/api/people/u1"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [TestCase("Bearer admin-key-for-tests", true, TestName = "The key is accepted after Bearer")]
    [TestCase("bearer admin-key-for-tests", true, TestName = "The scheme is case-insensitive")]
    [TestCase("Bearer  admin-key-for-tests ", true, TestName = "Spaces around the token are ignored")]
    [TestCase("Bearer ADMIN-KEY-FOR-TESTS", false, TestName = "The key itself is case-sensitive")]
    [TestCase("Bearer admin-key-for-tests-and-more", false, TestName = "A longer token that starts with the key is refused")]
    [TestCase("Bearer admin-key", false, TestName = "A prefix of the key is refused")]
    [TestCase("Basic admin-key-for-tests", false, TestName = "Another scheme is refused")]
    [TestCase("admin-key-for-tests", false, TestName = "The key without a scheme is refused")]
    [TestCase("Bearer ", false, TestName = "An empty token is refused")]
    [TestCase("", false, TestName = "An empty header is refused")]
    public void The_key_is_compared_exactly(string authorization, bool accepted) =>
        Assert.That(AdminKeyFilter.Matches(authorization, Key), Is.EqualTo(accepted));

    [Test]
    public void An_empty_configured_key_matches_nothing() =>
        Assert.That(AdminKeyFilter.Matches("Bearer ", ""), Is.False);

    [Test]
    public async Task The_right_key_reaches_the_endpoint()
    {
        using var client = Factory.CreateClient();
        var response = await client.SendAsync(Request("GET", "/api/people", "Bearer " + Key));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Without_a_configured_key_every_route_answers_503_admin_api_disabled()
    {
        using var factory = new BotFactory(new Dictionary<string, string?> { ["Admin:ApiKey"] = "" }, Database);
        using var client = factory.CreateClient();
        foreach (var (method, _, path) in Routes)
        {
            var response = await client.SendAsync(Request(method, path, "Bearer "));
            var body = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), $"{method} {path}");
            Assert.That(body, Does.Contain("admin API disabled: set Admin:ApiKey"), $"{method} {path}");
        }
    }

    [Test]
    public void The_route_list_of_these_tests_is_every_route_of_the_admin_api()
    {
        var mapped = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => $"{m} {Normalize(e.RoutePattern.RawText!)}"))
            .Order().ToList();
        Assert.That(mapped, Is.EqualTo(Routes.Select(r => $"{r.Method} {r.Pattern}").Order().ToList()));
    }

    private static string Normalize(string pattern)
    {
        while (pattern.Contains("//", StringComparison.Ordinal)) pattern = pattern.Replace("//", "/", StringComparison.Ordinal);
        return pattern.Length > 1 ? pattern.TrimEnd('/') : pattern;
    }
}
