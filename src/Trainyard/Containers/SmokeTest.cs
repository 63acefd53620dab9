using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Spectre.Console;
using Trainyard.Docker;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Containers;

/// <summary>
/// Runs a freshly built image before anything is tagged or pushed: start it, wait for /readyz (the server's own
/// self-test), POST the package's stored input example to /v1/predict and compare every answer with the expected
/// output (within 1e-6), then remove the container whatever happened. A failure says what differed.
/// </summary>
internal static class SmokeTest
{
    public const double Tolerance = 1e-6;

    public static async Task RunAsync(DockerEngine engine, string image, InputExample example, string subject, IAnsiConsole console, CancellationToken cancellationToken)
    {
        console.WriteLine($"Smoke test: starting {Short(image)} and sending example.json's {example.Inputs.Count} row(s) …");
        try
        {
            await using var container = await ServingContainer.StartAsync(engine, image,
                new ServingContainerOptions { Labels = new Dictionary<string, string> { ["dev.trainyard.smoke-test"] = subject } }, cancellationToken);
            using var response = await container.Http.PostAsJsonAsync("/v1/predict", example.Inputs, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new TrainyardException($"/v1/predict answered {(int)response.StatusCode} to example.json's rows: {body.Trim()}{await container.LogTailAsync()}");
            var differences = Differences(example, JsonDocument.Parse(body).RootElement.GetProperty("predictions"));
            if (differences.Count > 0)
                throw new TrainyardException($"the server's answers differ from example.json's expected outputs:\n  {string.Join("\n  ", differences)}");
        }
        catch (TrainyardException e)
        {
            throw new TrainyardException($"Smoke test of {Short(image)} failed, so nothing was tagged or pushed: {e.Message}", innerException: e);
        }
        console.WriteLine($"Smoke test passed: /readyz 200, {example.Inputs.Count} prediction(s) equal example.json's within {Tolerance:0e0}");
    }

    /// <summary>Each row whose answer differs from the expected one, naming the row, the field and both values.</summary>
    public static IReadOnlyList<string> Differences(InputExample example, JsonElement predictions)
    {
        var differences = new List<string>();
        if (predictions.ValueKind != JsonValueKind.Array || predictions.GetArrayLength() != example.Outputs.Count)
            return [$"expected {example.Outputs.Count} predictions, got {(predictions.ValueKind == JsonValueKind.Array ? predictions.GetArrayLength() : 0)}"];
        var i = 0;
        foreach (var answer in predictions.EnumerateArray())
        {
            var expected = example.Outputs[i];
            var row = example.DataRows is { } rows && i < rows.Count ? $"row {i} (data row {rows[i]})" : $"row {i}";
            if (expected.Label is { } label && Text(answer, "label") != label)
                differences.Add($"{row}: label expected '{label}', got '{Text(answer, "label") ?? "none"}'");
            foreach (var (name, probability) in expected.Probabilities ?? new Dictionary<string, float>())
                Compare(differences, row, $"probability of {name}", probability,
                    answer.TryGetProperty("probabilities", out var p) && p.TryGetProperty(name, out var value) ? value.GetDouble() : null);
            if (expected.Value is { } v)
                Compare(differences, row, "value", v, answer.TryGetProperty("value", out var value) ? value.GetDouble() : null);
            i++;
        }
        return differences;
    }

    static void Compare(List<string> differences, string row, string field, double expected, double? actual)
    {
        if (actual is { } a && Math.Abs(a - expected) <= Tolerance) return;
        differences.Add($"{row}: {field} expected {expected.ToString("R", CultureInfo.InvariantCulture)}, got " +
            (actual is { } got ? $"{got.ToString("R", CultureInfo.InvariantCulture)} (off by {Math.Abs(got - expected):0.###e0})" : "none"));
    }

    static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary><c>sha256:0123456789ab</c>, as docker prints image ids.</summary>
    public static string Short(string image) => image.StartsWith("sha256:", StringComparison.Ordinal) && image.Length > 19 ? image[..19] : image;
}
