using System.Text.Json.Nodes;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Trainyard.Docker;

internal sealed partial class DockerEngine
{
    /// <summary>
    /// Runs one library call for <paramref name="operation"/> ("docker build x:v1"): an error answer becomes a
    /// DockerException with the engine's own message and status; a dropped connection says which engine was lost.
    /// </summary>
    async Task<T> CallAsync<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            var message = EngineMessage(e.ResponseBody);
            throw new DockerException($"{operation}: {(string.IsNullOrWhiteSpace(message) ? e.StatusCode.ToString() : message)}", e)
            {
                StatusCode = (int)e.StatusCode,
            };
        }
        catch (HttpRequestException e)
        {
            throw new DockerException($"{operation}: lost the connection to the Docker engine at {Host.Address} ({e.InnerException?.Message ?? e.Message}).", e);
        }
    }

    Task CallAsync(string operation, Func<Task> call) => CallAsync(operation, async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    });

    /// <summary>The engine's <c>{"message": …}</c>; a plain-text body (a proxy) as it is.</summary>
    static string? EngineMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            return JsonNode.Parse(body)?["message"]?.GetValue<string>()?.Trim();
        }
        catch (System.Text.Json.JsonException)
        {
            return body.Trim();
        }
    }

    /// <summary>Progress messages as the library reads them, handed on at once (Progress&lt;T&gt; would post them later).</summary>
    sealed class OnMessage(Action<JSONMessage> handle) : IProgress<JSONMessage>
    {
        public void Report(JSONMessage value) => handle(value);
    }

    /// <summary>A value of a progress message's <c>aux</c> object, e.g. the built image's "ID" or the pushed "Digest".</summary>
    static string? Aux(JSONMessage message, string key) =>
        message.Aux?.ExtensionData is { } aux && aux.TryGetValue(key, out var value) && value is System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.String } text
            ? text.GetString()
            : null;
}
