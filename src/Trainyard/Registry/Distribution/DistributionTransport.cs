using System.Net;
using Trainyard.Runtime.Registry;

namespace Trainyard.Registry.Distribution;

/// <summary>
/// Sends distribution API requests: authenticated as the registry's challenge asks (one resend after a 401), with
/// server errors (5xx, 429) and dropped connections raised as <see cref="RegistryUnavailableException"/> so that
/// <see cref="RetryAsync"/> can run a whole idempotent step again after a backoff. Other answers go back to the caller,
/// which knows which statuses it expects.
/// </summary>
internal sealed class DistributionTransport(HttpClient http, DistributionAuth auth, DistributionErrors errors, DistributionRetry retry)
{
    public DistributionErrors Errors => errors;

    /// <summary>Sends the request <paramref name="build"/> makes (twice when challenged, so it must make a fresh one each call).</summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, string scope, string operation, CancellationToken cancellationToken)
    {
        var response = await SendOnceAsync(build, scope, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized
            && await auth.AnswerAsync(response, scope, what => errors.Fail(operation, what), cancellationToken).ConfigureAwait(false))
        {
            response.Dispose();
            response = await SendOnceAsync(build, scope, cancellationToken).ConfigureAwait(false);
        }
        if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                var error = RegistryError.ReadAll(body).FirstOrDefault()?.ToString() ?? response.ReasonPhrase;
                throw new RegistryUnavailableException($"{(int)response.StatusCode} {error}", response.RequestMessage!.RequestUri!, answered: true);
            }
        }
        return response;
    }

    /// <summary>The error for an answer the caller did not expect, with the registry's error body.</summary>
    public async Task<TrainyardException> RefusedAsync(string operation, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return errors.Refused(operation, response, body);
    }

    /// <summary>Runs an idempotent step, again from its start after a backoff while the registry is unavailable.</summary>
    public async Task<T> RetryAsync<T>(string operation, Func<CancellationToken, Task<T>> step, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await step(cancellationToken).ConfigureAwait(false);
            }
            catch (RegistryUnavailableException) when (attempt < retry.MaxAttempts)
            {
                await Task.Delay(retry.Backoff(attempt), cancellationToken).ConfigureAwait(false);
            }
            catch (RegistryUnavailableException e)
            {
                throw errors.GaveUp(operation, attempt, e);
            }
        }
    }

    async Task<HttpResponseMessage> SendOnceAsync(Func<HttpRequestMessage> build, string scope, CancellationToken cancellationToken)
    {
        var request = build();
        auth.Apply(request, scope);
        try
        {
            return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new RegistryUnavailableException($"could not connect ({e.Message})", request.RequestUri!, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RegistryUnavailableException($"no answer within {http.Timeout.TotalSeconds:0} s", request.RequestUri!, e);
        }
    }
}

/// <summary>How often and how patiently to retry a step: exponential backoff from <paramref name="BaseDelay"/> up to <paramref name="MaxDelay"/>.</summary>
internal sealed record DistributionRetry(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    public static readonly DistributionRetry Default = new(4, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(8));

    public TimeSpan Backoff(int attempt) =>
        TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, BaseDelay.Ticks << Math.Min(attempt - 1, 20)));
}

/// <summary>The registry could not answer: a server error (<paramref name="answered"/>), or a dropped or refused connection. Retrying may help.</summary>
internal sealed class RegistryUnavailableException(string reason, Uri url, Exception? inner = null, bool answered = false) : Exception(reason, inner)
{
    public Uri Url => url;
    public bool Answered => answered;
}
