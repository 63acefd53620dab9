// The bare endpoint (tests/Trainyard.Benchmarks, `serve`): POST /v1/predict parses the JSON body as Trainyard.Serving
// does (JsonDocument over Kestrel's buffers) and answers a constant prediction in the server's answer shape, with the
// request id in the body and the X-Request-Id header as the server writes them. Usage:
//   TRAINYARD_URLS=http://127.0.0.1:PORT TRAINYARD_INLINE_IO=auto|on|off dotnet Trainyard.Benchmarks.Bare.dll <answer.json>
// where answer.json is one answer of the real server: its "model" and "predictions" are what every answer carries.
using System.Buffers;
using System.IO.Pipelines;
using System.Text.Encodings.Web;
using System.Text.Json;

var template = JsonDocument.Parse(File.ReadAllBytes(args[0])).RootElement;
var model = template.GetProperty("model").GetRawText();
var prediction = template.GetProperty("predictions")[0].GetRawText();
var urls = Environment.GetEnvironmentVariable("TRAINYARD_URLS") ?? "http://127.0.0.1:8080";
// As the server reads TRAINYARD_INLINE_IO (ServingOptions): auto is inline on one CPU.
var inlineIo = Environment.GetEnvironmentVariable("TRAINYARD_INLINE_IO") is "on" || (Environment.GetEnvironmentVariable("TRAINYARD_INLINE_IO") is null or "auto" && Environment.ProcessorCount == 1);
if (inlineIo) Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls(urls).UseSockets(sockets =>
{
    sockets.UnsafePreferInlineScheduling = inlineIo;
    sockets.WaitForDataBeforeAllocatingBuffer = false;
});
await using var app = builder.Build();
var writerOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
app.MapGet("/healthz", () => "ok");
app.MapPost("/v1/predict", async context =>
{
    var body = context.Request.BodyReader;
    ReadResult read;
    while (true)
    {
        read = await body.ReadAsync(context.RequestAborted);
        if (read.IsCompleted || read.IsCanceled) break;
        body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
    }
    int rows;
    try
    {
        using var document = JsonDocument.Parse(read.Buffer);
        var root = document.RootElement;
        rows = root.ValueKind == JsonValueKind.Array ? root.GetArrayLength() : 1;
    }
    catch (JsonException)
    {
        context.Response.StatusCode = 400;
        return;
    }
    finally { body.AdvanceTo(read.Buffer.End); }
    var id = context.TraceIdentifier;
    context.Response.Headers["X-Request-Id"] = id;
    var answer = new ArrayBufferWriter<byte>(256 + 128 * rows);
    using (var json = new Utf8JsonWriter(answer, writerOptions))
    {
        json.WriteStartObject();
        json.WritePropertyName("model"u8);
        json.WriteRawValue(model, skipInputValidation: true);
        json.WriteString("request_id"u8, id);
        json.WriteStartArray("predictions"u8);
        for (var i = 0; i < rows; i++) json.WriteRawValue(prediction, skipInputValidation: true);
        json.WriteEndArray();
        json.WriteEndObject();
    }
    context.Response.ContentType = "application/json";
    context.Response.ContentLength = answer.WrittenCount;
    await context.Response.BodyWriter.WriteAsync(answer.WrittenMemory, context.RequestAborted);
});
await app.RunAsync();
