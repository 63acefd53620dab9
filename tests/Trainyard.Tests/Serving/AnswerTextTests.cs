using System.Buffers;
using System.Text;
using System.Text.Json;
using Trainyard.Runtime.Packaging;
using Trainyard.Serving;

namespace Trainyard.Tests.Serving;

/// <summary>
/// The answer written directly (AnswerText) is byte for byte what the server's Utf8JsonWriter path writes — the same
/// writer calls, repeated here — and where it cannot be sure of that (an id to escape, a non-finite output, classes
/// named alike) it writes nothing and says so.
/// </summary>
public sealed class AnswerTextTests
{
    static ModelSignature Signature(string task, SignatureOutput output) => new() { Task = task, Inputs = [], Output = output };

    public static TheoryData<string, string[]?, string?, double?> Models => new()
    {
        { "binary", ["good", "bad"], "bad", 0.5 },
        { "binary", ["no \"way\"", "Oui, évidemment <&>"], "Oui, évidemment <&>", 0.3 },
        { "multiclass", ["a", "b", "c"], null, null },
        { "multiclass", ["\u2028", "tab\there", "c"], null, null },
        { "regression", null, null, null },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void WritesTheWritersBytes(string task, string[]? classes, string? positive, double? threshold)
    {
        var signature = Signature(task, new SignatureOutput("label", classes, positive, threshold));
        var width = classes is null || positive is not null ? 1 : classes.Length;
        var random = new Random(11);
        foreach (var id in new[] { "0HNQKJHVEHFCN:00000001", "a", "trace-1_2.3", new string('x', 128) })
            for (var i = 0; i < 20_000; i++)
            {
                var rows = i % 50 == 0 ? 3 : 1;
                var outputs = new float[rows * width];
                for (var k = 0; k < outputs.Length; k++) outputs[k] = Value(random, i);
                var (wrote, direct) = Direct(signature, id, outputs, width);
                Assert.True(wrote);
                Assert.Equal(Writer(signature, id, outputs, width), direct);
            }
    }

    [Theory]
    [InlineData("with space")]
    [InlineData("quote\"d")]
    [InlineData("back\\slash")]
    [InlineData("plus+sign")]
    [InlineData("é")]
    public void AnIdToEscapeIsLeftToTheWriter(string id)
    {
        var signature = Signature("binary", new SignatureOutput("label", ["good", "bad"], "bad", 0.5));
        Assert.False(Direct(signature, id, [0.25f], 1).Wrote);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void ANonFiniteOutputIsLeftToTheWriter(float output) =>
        Assert.False(Direct(Signature("regression", new SignatureOutput("label", null, null, null)), "id", [1f, output], 1).Wrote);

    [Fact]
    public void ClassesNamedAlikeAreLeftToTheWriter() =>
        Assert.False(Direct(Signature("multiclass", new SignatureOutput("label", ["x", "x", "y"], null, null)), "id", [0.1f, 0.6f, 0.3f], 3).Wrote);

    /// <summary>Probabilities and values of every kind: random bits (finite), near 0 and 1, exact halves, subnormals, ±0.</summary>
    static float Value(Random random, int i)
    {
        switch (i % 6)
        {
            case 0: return (float)random.NextDouble();
            case 1: return 1f - (float)(random.NextDouble() * 1e-6);
            case 2: return (float)(random.NextDouble() * Math.Pow(10, random.Next(-45, 39)) * (random.Next(2) == 0 ? 1 : -1));
            case 3: return new[] { 0f, -0f, 0.5f, 1f, float.Epsilon, float.MaxValue, float.MinValue, 1e-5f, 1e-7f, 123456789f }[random.Next(10)];
            default:
                float value;
                do value = BitConverter.Int32BitsToSingle(random.Next(int.MinValue, int.MaxValue)); while (!float.IsFinite(value));
                return value;
        }
    }

    static (bool Wrote, string Text) Direct(ModelSignature signature, string id, float[] outputs, int width)
    {
        using var body = new AnswerBuffer(16);
        var beforeId = AnswerText.BeforeId(Encode("credit-risk"), Encode("v1"), Encode("sha256:2837b5183fe5"));
        var wrote = new AnswerText(beforeId, new PredictionJson(signature)).TryWrite(body, id, outputs, width);
        if (!wrote) Assert.Equal(0, body.WrittenMemory.Length);
        return (wrote, Encoding.UTF8.GetString(body.WrittenMemory.Span));
    }

    /// <summary>PredictHandler's writer path, call for call.</summary>
    static string Writer(ModelSignature signature, string id, float[] outputs, int width)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, ServingJson.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartObject("model"u8);
            json.WriteString("name"u8, Encode("credit-risk"));
            json.WriteString("version"u8, Encode("v1"));
            json.WriteString("digest"u8, Encode("sha256:2837b5183fe5"));
            json.WriteEndObject();
            json.WriteString("request_id"u8, id);
            json.WriteStartArray("predictions"u8);
            var predictions = new PredictionJson(signature);
            for (var i = 0; i < outputs.Length; i += width) predictions.Write(json, outputs.AsSpan(i, width));
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    static JsonEncodedText Encode(string text) => JsonEncodedText.Encode(text, ServingJson.WriterOptions.Encoder);
}
