using System.Text.Json;
using System.Text.Json.Serialization;
using Trainyard.Runtime.Features;
using Trainyard.Runtime.Scoring;

namespace Trainyard.Runtime.Packaging;

/// <summary>
/// example.json: a few test rows as a client sends them (JSON objects keyed by column name) and, for each, the
/// prediction the managed scorer gives. Containerize smoke-tests the built image with it: the same rows must get
/// the same answers from the server, which scores through the same featurizer row path and scorer.
/// </summary>
internal sealed record InputExample
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Request rows: column → value (number, string, boolean, or null for missing).</summary>
    public required IReadOnlyList<JsonElement> Inputs { get; init; }

    /// <summary>The expected prediction for each row of <see cref="Inputs"/>, in the same order.</summary>
    public required IReadOnlyList<Prediction> Outputs { get; init; }

    /// <summary>Where each input row came from: its line in the training data file, or its id when the pipeline names an id column.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? DataRows { get; init; }

    /// <summary>Scores <paramref name="inputs"/> one row at a time, as the server does, and records the answers.</summary>
    public static InputExample Create(IReadOnlyList<JsonElement> inputs, Featurizer featurizer, XGBoostScorer scorer, ModelSignature signature)
    {
        if (featurizer.FeatureCount != scorer.FeatureCount)
            throw new ModelFormatException(
                $"the featurizer writes {featurizer.FeatureCount} features but the model expects {scorer.FeatureCount}; model.json and featurizer.json are from different runs — run Train again");
        var features = new float[featurizer.FeatureCount];
        var output = new float[scorer.OutputCount];
        var predictions = new List<Prediction>(inputs.Count);
        foreach (var row in inputs)
        {
            featurizer.Encode(row, features);
            scorer.Predict(features, output);
            predictions.Add(signature.Interpret(output));
        }
        return new InputExample { Inputs = inputs, Outputs = predictions };
    }

    public byte[] ToJson() => PackageJson.Write(this, PackageJson.Ordered.InputExample);

    public static InputExample Parse(ReadOnlySpan<byte> json, string source)
    {
        var example = PackageJson.Read<InputExample>(json, source, "input example", CurrentFormatVersion, PackageJson.Ordered.InputExample);
        if (example.Inputs.Count != example.Outputs.Count)
            throw new ModelFormatException($"{source}: {example.Inputs.Count} input rows but {example.Outputs.Count} expected outputs; the two lists must pair up");
        return example;
    }
}
