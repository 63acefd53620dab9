using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Trainyard.Tests.Serving;

/// <summary>What the server answers besides predictions: problems in its own words, content types, metrics by route.</summary>
[Collection(ServingCollection.Name)]
public sealed class HttpAnswerTests(PackagedSample sample)
{
    const string Advice = "; send a JSON object (one row) or an array of objects (a batch)";

    [Fact]
    public async Task ABodyThatIsNotJsonIsDescribedInTheProductsWordsWithoutEscapedApostrophes()
    {
        await using var server = await ModelServer.StartAsync(sample.Environment());
        (string Body, string Detail)[] cases =
        [
            ("", "the body is empty"),
            ("  \n", "the body is empty"),
            ("hello", "the body is not JSON: unexpected 'h' at line 1, column 1"),
            ("{\"Age\": 30,", "the body is not JSON: it ends at line 1, column 11 before the value is complete"),
            ("[\n  {\"Age\": 30 \"Home\": \"rent\"}\n]", "the body is not JSON: unexpected '\"' at line 2, column 14"),
            ("{\"Home\": \"été\" x}", "the body is not JSON: unexpected 'x' at line 1, column 16"),
        ];
        foreach (var (body, detail) in cases)
        {
            using var response = await server.Http.PostAsync("/v1/predict", new StringContent(body, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(detail + Advice, JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString());
            Assert.DoesNotContain("\\u0027", text);
            Assert.DoesNotContain("isFinalBlock", text);
            Assert.DoesNotContain("BytePositionInLine", text);
        }

        // An invalid field's message quotes the value: the apostrophes arrive as they are.
        var row = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(sample.TestRows[0])!;
        row["Age"] = JsonSerializer.SerializeToElement("forty");
        using var invalid = await server.Http.PostAsJsonAsync("/v1/predict", row);
        var raw = await invalid.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("expected a number, got string 'forty'", raw);
    }

    [Fact]
    public async Task AnExplicitContentTypeOtherThanJsonIs415NamingJson()
    {
        await using var server = await ModelServer.StartAsync(sample.Environment());
        var row = sample.TestRows[0].GetRawText();

        foreach (var type in new[] { "text/plain", "application/x-www-form-urlencoded" })
        {
            using var response = await server.Http.PostAsync("/v1/predict", new StringContent(row, Encoding.UTF8, type));
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
            Assert.StartsWith($"Content-Type {type}", detail);
            Assert.EndsWith("send the rows as application/json", detail);
            Assert.Equal("application/json", response.Headers.GetValues("Accept-Post").Single());
        }

        // No content type at all is read as JSON, as are JSON with a charset and a +json type.
        using var untyped = new ByteArrayContent(Encoding.UTF8.GetBytes(row));
        Assert.Null(untyped.Headers.ContentType);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.PostAsync("/v1/predict", untyped)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.PostAsync("/v1/predict", new StringContent(row, Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.PostAsync("/v1/predict", new StringContent(row, Encoding.UTF8, "application/vnd.acme+json"))).StatusCode);

        var metrics = await server.Http.GetStringAsync("/metrics");
        Assert.Contains("trainyard_http_requests_total{route=\"/v1/predict\",status=\"415\"} 2\n", metrics);
        Assert.Contains("trainyard_http_requests_total{route=\"/v1/predict\",status=\"200\"} 3\n", metrics);
    }

    [Fact]
    public async Task AWrongMethodIsCountedUnderItsRoute()
    {
        await using var server = await ModelServer.StartAsync(sample.Environment());

        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await server.Http.GetAsync("/v1/predict")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await server.Http.PostAsync("/healthz", new StringContent(""))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("/v1/nothing-here")).StatusCode);

        var metrics = await server.Http.GetStringAsync("/metrics");
        Assert.Contains("trainyard_http_requests_total{route=\"/v1/predict\",status=\"405\"} 1\n", metrics);
        Assert.Contains("trainyard_http_requests_total{route=\"/healthz\",status=\"405\"} 1\n", metrics);
        Assert.Contains("trainyard_http_requests_total{route=\"unmatched\",status=\"404\"} 1\n", metrics);
        Assert.DoesNotContain("route=\"unmatched\",status=\"405\"", metrics);
    }

    [Fact]
    public async Task ThePredictRouteWrittenOtherwiseIsRoutedAndCountedAsItself()
    {
        await using var server = await ModelServer.StartAsync(sample.Environment());
        var row = sample.TestRows[0].GetRawText();

        // The exact path takes the shortcut ahead of routing; the other spellings go through routing to the same endpoint.
        var answers = new List<string>();
        foreach (var path in new[] { "/v1/predict", "/V1/Predict", "/v1/predict/", "/v1/predict?x=1" })
        {
            using var response = await server.Http.PostAsync(path, new StringContent(row, Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode == HttpStatusCode.OK, path);
            answers.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("predictions").GetRawText());
        }
        Assert.Single(answers.Distinct());
        var metrics = await server.Http.GetStringAsync("/metrics");
        Assert.Contains("trainyard_http_requests_total{route=\"/v1/predict\",status=\"200\"} 4\n", metrics);
        Assert.Contains("trainyard_http_request_duration_seconds_count{route=\"/v1/predict\"} 4\n", metrics);
    }

    [Fact]
    public async Task ReadyzAnswersAsPlainText()
    {
        await using var server = await ModelServer.StartAsync(sample.Environment());

        using var ready = await server.Http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("text/plain", ready.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", ready.Content.Headers.ContentType?.CharSet);
        Assert.StartsWith("ready: credit-risk v1 sha256:", await ready.Content.ReadAsStringAsync());
    }
}
