using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Trainyard.Tests.Serving;

[Collection(ServingCollection.Name)]
public sealed class PredictTests(PackagedSample sample)
{
    [Fact]
    public async Task TheTestSplitGetsThePredictionsEvaluateWrote()
    {
        await using var server = await ModelServer.StartAsync(sample.Environment());

        // Batches of 100, and the first 20 rows one at a time: both shapes of request.
        var answered = new List<JsonElement>();
        foreach (var chunk in sample.TestRows.Chunk(100)) answered.AddRange(Predictions(await PostOkAsync(server, chunk)));
        for (var i = 0; i < 20; i++) Assert.Equal(answered[i].GetRawText(), Predictions(await PostOkAsync(server, sample.TestRows[i])).Single().GetRawText());

        sample.Split.AssertAnswers(answered);
    }

    [Fact]
    public async Task ColumnsInAnotherOrderWithOtherFieldsGetTheSamePrediction()
    {
        await using var server = await ModelServer.StartAsync(sample.Environment());
        var rows = sample.TestRows.Take(5).Select(r => JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(r)!).ToArray();
        // Reversed, with a client's own fields first: the server finds each column by name, not by position.
        var shuffled = rows.Select(r => new[] { KeyValuePair.Create("id", JsonSerializer.SerializeToElement("row-1")) }
            .Concat(r.Reverse()).ToDictionary()).ToArray();

        var inOrder = Predictions(await PostOkAsync(server, rows)).Select(p => p.GetRawText());
        var reordered = Predictions(await PostOkAsync(server, shuffled)).Select(p => p.GetRawText());

        Assert.Equal(inOrder, reordered);
    }

    [Fact]
    public async Task ARowWrittenAnyWayGetsTheSamePrediction()
    {
        await using var server = await ModelServer.StartAsync(sample.Environment());
        var row = sample.TestRows[0];
        var names = row.EnumerateObject().Select(p => p.Name).ToArray();
        var category = row.EnumerateObject().First(p => p.Value.ValueKind == JsonValueKind.String);
        // The fast path takes the first four (escaped names included); the escaped category and the repeated column go the general way.
        string[] bodies =
        [
            row.GetRawText(),
            JsonSerializer.Serialize(row, new JsonSerializerOptions { WriteIndented = true }) + "\n",
            names.Aggregate(row.GetRawText(), (text, name) => text.Replace($"\"{name}\":", $"\"\\u{(int)name[0]:x4}{name[1..]}\":")),
            "{\"id\": {\"nested\": [1, \"two\", null]}, " + row.GetRawText()[1..],
            row.GetRawText().Replace($"\"{category.Value.GetString()}\"", $"\"\\u{(int)category.Value.GetString()![0]:x4}{category.Value.GetString()![1..]}\""),
            row.GetRawText()[..^1] + $", \"{category.Name}\": {category.Value.GetRawText()}}}",
        ];
        Assert.Contains("\\u", bodies[2]);
        Assert.Contains("\\u", bodies[4]);
        var expected = Predictions(await PostOkAsync(server, row)).Single().GetRawText();
        foreach (var body in bodies)
        {
            using var response = await server.Http.PostAsync("/v1/predict", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            Assert.Equal(expected, Predictions(await response.Content.ReadFromJsonAsync<JsonElement>()).Single().GetRawText());
        }
        using var batch = await server.Http.PostAsync("/v1/predict", new StringContent($"[{string.Join(",", bodies)}]", Encoding.UTF8, "application/json"));
        Assert.Equal(Enumerable.Repeat(expected, bodies.Length), Predictions(await batch.Content.ReadFromJsonAsync<JsonElement>()).Select(p => p.GetRawText()));
    }

    [Fact]
    public async Task AnAnswerNamesTheModelAndEchoesTheRequestId()
    {
        await using var server = await ModelServer.StartAsync(sample.Environment());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/predict") { Content = JsonContent.Create(sample.TestRows[0]) };
        request.Headers.Add("X-Request-Id", "req-42");

        using var response = await server.Http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("req-42", body.GetProperty("request_id").GetString());
        Assert.Equal("req-42", response.Headers.GetValues("X-Request-Id").Single());
        Assert.Equal("credit-risk", body.GetProperty("model").GetProperty("name").GetString());
        Assert.Equal("v1", body.GetProperty("model").GetProperty("version").GetString());
        Assert.Matches("^sha256:[0-9a-f]{64}$", body.GetProperty("model").GetProperty("digest").GetString());
        // Sent whole with its length (one write), not chunked (a second write for the end).
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
        Assert.Equal((await response.Content.ReadAsByteArrayAsync()).Length, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task BadRowsAnswer400NamingEachFieldAndMetricsCountThem()
    {
        await using var server = await ModelServer.StartAsync(sample.Environment());
        var good = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(sample.TestRows[0])!;
        var wrongType = new Dictionary<string, JsonElement>(good) { ["Age"] = JsonSerializer.SerializeToElement("forty") };
        var missing = new Dictionary<string, JsonElement>(good);
        missing.Remove("Seniority"); // required: the reviewed schema allows no missing Seniority
        var wrongKind = new Dictionary<string, JsonElement>(good) { ["Home"] = JsonSerializer.SerializeToElement(new[] { "rent" }) };

        using var response = await server.Http.PostAsJsonAsync("/v1/predict", new[] { good, wrongType, missing, wrongKind });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal((await response.Content.ReadAsByteArrayAsync()).Length, response.Content.Headers.ContentLength);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["[1].Age", "[2].Seniority", "[3].Home"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("expected a number, got string 'forty'", errors.GetProperty("[1].Age")[0].GetString());
        Assert.Contains("required", errors.GetProperty("[2].Seniority")[0].GetString());

        using var notJson = await server.Http.PostAsync("/v1/predict", new StringContent("{\"Age\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        await PostOkAsync(server, sample.TestRows[0]);

        var metrics = await server.Http.GetStringAsync("/metrics");
        Assert.Contains("trainyard_http_requests_total{route=\"/v1/predict\",status=\"400\"} 2\n", metrics);
        Assert.Contains("trainyard_http_request_errors_total{route=\"/v1/predict\",status=\"400\"} 2\n", metrics);
        Assert.Contains("trainyard_http_requests_total{route=\"/v1/predict\",status=\"200\"} 1\n", metrics);
        Assert.Contains("trainyard_http_request_duration_seconds_count{route=\"/v1/predict\"} 3\n", metrics);
        // Rejected requests are not scored: one prediction in all.
        Assert.Matches("trainyard_predictions_total\\{class=\"good\"\\} (\\d)\n", metrics);
        Assert.Equal(1, PredictionCount(metrics));
    }

    [Fact]
    public async Task UnseenCategoriesAreCountedOrRejectedAsConfigured()
    {
        var row = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(sample.TestRows[0])!;
        row["Home"] = JsonSerializer.SerializeToElement("castle");

        await using (var accepting = await ModelServer.StartAsync(sample.Environment()))
        {
            using var accepted = await accepting.Http.PostAsJsonAsync("/v1/predict", row);
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            Assert.Contains("trainyard_unseen_categories_total{feature=\"Home\"} 1\n", await accepting.Http.GetStringAsync("/metrics"));
        }
        await using var rejecting = await ModelServer.StartAsync(sample.Environment(("TRAINYARD_UNSEEN_CATEGORIES", "reject")));
        using var rejected = await rejecting.Http.PostAsJsonAsync("/v1/predict", row);
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        var message = (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("Home")[0].GetString();
        Assert.StartsWith("unknown category 'castle'; training saw ", message);
    }

    [Fact]
    public async Task ABodyThatArrivesInPiecesIsReadWhole()
    {
        await using var server = await ModelServer.StartAsync(sample.Environment());
        var body = Encoding.UTF8.GetBytes(sample.TestRows[0].GetRawText());
        var head = Encoding.ASCII.GetBytes($"POST /v1/predict HTTP/1.1\r\nHost: {server.Url.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        using var client = new System.Net.Sockets.TcpClient { NoDelay = true };
        await client.ConnectAsync(server.Url.Host, server.Url.Port);
        var stream = client.GetStream();

        // The headers and half the row, then the rest after the server has had time to start on the request.
        await stream.WriteAsync(head.Concat(body.Take(body.Length / 2)).ToArray());
        await Task.Delay(300);
        await stream.WriteAsync(body.AsMemory(body.Length / 2));
        var answer = await new StreamReader(stream).ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 200 OK", answer);
        var expected = Predictions(await PostOkAsync(server, sample.TestRows[0])).Single().GetRawText();
        Assert.Equal(expected, Predictions(JsonSerializer.Deserialize<JsonElement>(answer[(answer.IndexOf("\r\n\r\n") + 4)..])).Single().GetRawText());
    }

    [Theory]
    [InlineData("{\"Age\": 30,", "it ends at line 1, column 11 before the value is complete")] // cut short: the server says where
    [InlineData("", "the body is empty")]
    public async Task ABodyThatIsNotJsonIs400SayingWhy(string body, string parserSays)
    {
        await using var server = await ModelServer.StartAsync(sample.Environment());

        using var response = await server.Http.PostAsync("/v1/predict", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Body is not JSON", problem.GetProperty("title").GetString());
        Assert.Contains(parserSays, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ABodyOverTheLimitIs413()
    {
        await using var server = await ModelServer.StartAsync(sample.Environment(("TRAINYARD_MAX_REQUEST_BYTES", "4096")));
        var rows = Enumerable.Repeat(sample.TestRows[0], 100).ToArray(); // about 20 kB

        using var response = await server.Http.PostAsJsonAsync("/v1/predict", rows);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("trainyard_http_requests_total{route=\"/v1/predict\",status=\"413\"} 1\n", await server.Http.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task DriftIsMeasuredOverTheRecentRequests()
    {
        await using var server = await ModelServer.StartAsync(sample.Environment(("TRAINYARD_DRIFT_WINDOW", "500")));
        await PostOkAsync(server, sample.TestRows.ToArray());
        var test = Psi(await server.Http.GetStringAsync("/metrics"), "Age");

        // The same row over and over: one bin holds the whole window, far from the training distribution.
        await PostOkAsync(server, Enumerable.Repeat(sample.TestRows[0], 500).ToArray());
        var repeated = Psi(await server.Http.GetStringAsync("/metrics"), "Age");

        Assert.Equal(await ExpectedPsiAsync(sample.TestRows.TakeLast(500).Select(r => r.GetProperty("Age").GetDouble())), test, 1e-9);
        Assert.True(repeated > 1, $"PSI of one repeated age: {repeated}, expected far above 0.2");
        Assert.Contains("trainyard_feature_drift_window_values{feature=\"Age\"} 500\n", await server.Http.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task DriftIsPublishedOnlyOnceAFeaturesWindowHoldsTheMinimumSample()
    {
        await using var server = await ModelServer.StartAsync(sample.Environment());
        await PostOkAsync(server, sample.TestRows.Take(7).ToArray());
        var early = await server.Http.GetStringAsync("/metrics");
        var features = WindowValues(early).Count;

        // 7 requests' values are too few to judge against the training data: no PSI, every feature counted as not judged.
        Assert.True(features > 3, early);
        Assert.DoesNotContain("trainyard_feature_drift_psi{", early);
        Assert.Contains($"trainyard_feature_drift_not_judged {features}\n", early);
        Assert.Contains("trainyard_feature_drift_window_values{feature=\"Age\"} 7\n", early);

        await PostOkAsync(server, sample.TestRows.Skip(7).Take(23).ToArray());
        var thirty = await server.Http.GetStringAsync("/metrics");
        var windows = WindowValues(thirty);

        Assert.Equal(30, windows["Age"]);
        Assert.Contains("trainyard_feature_drift_psi{feature=\"Age\"} ", thirty);
        // A feature with missing values may still hold fewer than 30: it stays unjudged, and is counted.
        foreach (var (feature, values) in windows)
            Assert.Equal(values >= 30, thirty.Contains($"trainyard_feature_drift_psi{{feature=\"{feature}\"}} ", StringComparison.Ordinal));
        Assert.Contains($"trainyard_feature_drift_not_judged {windows.Count(w => w.Value < 30)}\n", thirty);
    }

    static Dictionary<string, int> WindowValues(string metrics) => metrics.Split('\n')
        .Where(l => l.StartsWith("trainyard_feature_drift_window_values{feature=\"", StringComparison.Ordinal))
        .ToDictionary(l => l.Split('"')[1], l => int.Parse(l.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>PSI from first principles over the profile's Age sketch (see <see cref="DriftAgreementTests.FirstPrinciplesPsi"/>).</summary>
    async Task<double> ExpectedPsiAsync(IEnumerable<double> ages)
    {
        var package = await Trainyard.Runtime.Packaging.ModelPackage.LoadAsync(sample.Layout, "v1", CancellationToken.None);
        return DriftAgreementTests.FirstPrinciplesPsi(package.Files["profile.json"], "Age", ages);
    }

    static double Psi(string metrics, string feature) =>
        double.Parse(metrics.Split('\n').Single(l => l.StartsWith($"trainyard_feature_drift_psi{{feature=\"{feature}\"}} ", StringComparison.Ordinal)).Split(' ')[1],
            System.Globalization.CultureInfo.InvariantCulture);

    static long PredictionCount(string metrics) => metrics.Split('\n').Where(l => l.StartsWith("trainyard_predictions_total{", StringComparison.Ordinal))
        .Sum(l => long.Parse(l.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));

    static IEnumerable<JsonElement> Predictions(JsonElement body) => body.GetProperty("predictions").EnumerateArray();

    internal static async Task<JsonElement> PostOkAsync<T>(ModelServer server, T body)
    {
        using var response = await server.Http.PostAsJsonAsync("/v1/predict", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }
}
