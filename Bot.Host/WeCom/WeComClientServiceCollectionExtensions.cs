using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Polly;

namespace Bot.Host.WeCom;

public static class WeComClientServiceCollectionExtensions
{
    /// <summary>Name of the options instance configuring the WeCom client's resilience pipeline (tests shorten its timeouts).</summary>
    public const string ResilienceOptionsName = WeComHttp.ClientName + "-standard";

    /// <summary>
    /// The WeCom API client: token cache (singleton, shared by every sender), typed <see cref="WeComApiClient"/>, and one
    /// resilience pipeline. Binding <see cref="WeComOptions"/> to configuration is the host's job.
    /// </summary>
    public static IServiceCollection AddWeComClient(this IServiceCollection services)
    {
        services.AddOptions<WeComOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WeComTokenCache>();

        services.AddHttpClient<WeComApiClient>(WeComHttp.ClientName)
            .ConfigureHttpClient(http => http.MaxResponseContentBufferSize = WeComHttp.MaxAnswerBytes)
            // A redirect would take a post to wherever the answer points: only addresses checked as WeCom's are ever called.
            .UseSocketsHttpHandler((handler, _) => handler.AllowAutoRedirect = false)
            .AddStandardResilienceHandler(resilience =>
            {
                resilience.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(15);
                resilience.AttemptTimeout.Timeout = TimeSpan.FromSeconds(5);
                resilience.Retry.MaxRetryAttempts = 2;
                resilience.Retry.ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Context, args.Outcome));
            });

        return services;
    }

    /// <summary>
    /// What the HTTP layer may retry by itself. gettoken (GET) is idempotent: every transient failure (connection, timeout,
    /// 5xx, 408, 429) is retried. A send (POST) is retried only when the connection could not be made, so WeCom cannot have
    /// seen the message. A POST that timed out or got a 5xx may have been delivered; retrying it here, invisibly and
    /// without a record, could post the message twice. Those come back as Transient and the outbox decides: it retries
    /// with backoff, records each attempt, and relies on WeCom's duplicate check for message/send.
    /// </summary>
    internal static bool ShouldRetry(ResilienceContext context, Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is HttpRequestException
            {
                HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError,
            })
        {
            return true;
        }

        return context.GetRequestMessage()?.Method == HttpMethod.Get && HttpClientResiliencePredicates.IsTransient(outcome);
    }
}
