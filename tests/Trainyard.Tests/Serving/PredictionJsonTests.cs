using System.Buffers;
using System.Text;
using System.Text.Json;
using Trainyard.Runtime.Packaging;
using Trainyard.Serving;

namespace Trainyard.Tests.Serving;

public sealed class PredictionJsonTests
{
    static ModelSignature Signature(string task, SignatureOutput output) => new() { Task = task, Inputs = [], Output = output };

    public static TheoryData<string, string[]?, string?, double?, float[]> Outputs => new()
    {
        { "binary", ["good", "bad"], "bad", 0.5, [0.09157155f] },
        { "binary", ["good", "bad"], "bad", 0.5, [0.5f] },
        { "binary", ["no \"way\"", "Oui, évidemment"], "Oui, évidemment", 0.3, [0.7312f] },
        { "multiclass", ["a", "b", "c"], null, null, [0.2f, 0.5f, 0.3f] },
        { "multiclass", ["a", "b", "c"], null, null, [0.4f, 0.2f, 0.4f] },
        { "multiclass", ["x", "x", "y"], null, null, [0.1f, 0.6f, 0.3f] }, // alike names: the serializer's way
        { "regression", null, null, null, [1234.5678f] },
        { "regression", null, null, null, [-1e-7f] },
    };

    [Theory]
    [MemberData(nameof(Outputs))]
    public void WritesTheBytesTheSerializerWritesForTheInterpretedPrediction(string task, string[]? classes, string? positive, double? threshold, float[] outputs)
    {
        var signature = Signature(task, new SignatureOutput("label", classes, positive, threshold));
        var expected = Written(json => JsonSerializer.Serialize(json, signature.Interpret(outputs), ServingJson.Default.Prediction));
        var written = Written(json => new PredictionJson(signature).Write(json, outputs));
        Assert.Equal(expected, written);
    }

    [Theory]
    [MemberData(nameof(Outputs))]
    public void PicksTheClassInterpretPicks(string task, string[]? classes, string? positive, double? threshold, float[] outputs)
    {
        if (classes is null) return;
        var signature = Signature(task, new SignatureOutput("label", classes, positive, threshold));
        Assert.Equal(signature.Interpret(outputs).Label, classes[signature.LabelIndex(outputs)]);
    }

    static string Written(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, ServingJson.WriterOptions)) write(json);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
