using System.Text.Json.Serialization;
using Trainyard.Runtime.Features;

namespace Trainyard.Runtime.Packaging;

/// <summary>
/// signature.json: what a request to the model must hold and what it gets back, so the model server can check a
/// request before scoring it and a client can be written without reading the featurizer.
/// Inputs come from the featurizer (its columns, their types, the categories training saw); <c>required</c> from
/// the reviewed schema (a column that may not be missing in the data may not be missing in a request).
/// </summary>
internal sealed record ModelSignature
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary><c>binary</c>, <c>multiclass</c> or <c>regression</c>.</summary>
    public required string Task { get; init; }

    /// <summary>The columns a request row gives, in the featurizer's order; others are ignored.</summary>
    public required IReadOnlyList<SignatureInput> Inputs { get; init; }

    public required SignatureOutput Output { get; init; }

    public static ModelSignature Derive(FeaturizerDefinition featurizer, string task, double? threshold, IReadOnlySet<string> requiredColumns)
    {
        var label = featurizer.Label ?? throw new ModelFormatException("featurizer.json has no label: run Train again to write a complete featurizer");
        var inputs = featurizer.Columns.Select(c => new SignatureInput(c.Name, TypeOf(c.Encoding), requiredColumns.Contains(c.Name),
            c.Encoding == FeatureEncoding.OneHot ? c.Categories : null)).ToList();
        var output = task switch
        {
            "binary" when label.Classes.Count == 2 => new SignatureOutput(label.Name, label.Classes, label.Classes[1], threshold ?? 0.5),
            "multiclass" when label.Classes.Count > 2 => new SignatureOutput(label.Name, label.Classes),
            "regression" when label.Classes.Count == 0 => new SignatureOutput(label.Name),
            "binary" or "multiclass" or "regression" => throw new ModelFormatException(
                $"featurizer.json: the label '{label.Name}' has {label.Classes.Count} classes, which a {task} model cannot have; run Train again"),
            _ => throw new ModelFormatException($"task '{task}' is not binary, multiclass or regression"),
        };
        return new ModelSignature { Task = task, Inputs = inputs, Output = output };
    }

    /// <summary>The scorer's outputs for one row as the response gives them: the value, or the class and each class's probability.</summary>
    public Prediction Interpret(ReadOnlySpan<float> outputs)
    {
        var classes = Output.Classes;
        if (classes is null) return new Prediction { Value = outputs[0] };
        var probabilities = new OrderedDictionary<string, float>(StringComparer.Ordinal);
        if (Output.PositiveClass is not null)
        {
            // Binary: the scorer gives P(positive); the negative class is listed first, as in the model's classes.
            probabilities[classes[0]] = 1f - outputs[0];
            probabilities[classes[1]] = outputs[0];
        }
        else
            for (var k = 0; k < classes.Count; k++) probabilities[classes[k]] = outputs[k];
        return new Prediction { Label = classes[LabelIndex(outputs)], Probabilities = probabilities };
    }

    /// <summary>
    /// The predicted class's index in <see cref="SignatureOutput.Classes"/>: binary, the positive class at or above the
    /// threshold; multiclass, the first class of the highest probability. Classification models only.
    /// </summary>
    public int LabelIndex(ReadOnlySpan<float> outputs)
    {
        if (Output.PositiveClass is not null) return outputs[0] >= Output.Threshold ? 1 : 0;
        var best = 0;
        for (var k = 0; k < Output.Classes!.Count; k++) if (outputs[k] > outputs[best]) best = k;
        return best;
    }

    public byte[] ToJson() => PackageJson.Write(this, PackageJson.Ordered.ModelSignature);

    public static ModelSignature Parse(ReadOnlySpan<byte> json, string source) =>
        PackageJson.Read<ModelSignature>(json, source, "model signature", CurrentFormatVersion, PackageJson.Ordered.ModelSignature);

    static string TypeOf(FeatureEncoding encoding) => encoding switch
    {
        FeatureEncoding.Numeric => "numeric",
        FeatureEncoding.Boolean => "boolean",
        _ => "categorical",
    };
}

/// <summary>One input column: <c>numeric</c> (a number, or a number as a string), <c>boolean</c> (true/false,
/// 0/1) or <c>categorical</c> (a string; one not in <see cref="Categories"/> is accepted but counts as unseen).
/// A required column must be present and not null.</summary>
internal sealed record SignatureInput(
    string Name, string Type, bool Required, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Categories = null);

/// <summary>
/// What a prediction holds. Classification: <c>label</c> (the predicted class) and <c>probabilities</c> (class →
/// probability, in <see cref="Classes"/> order); binary predicts <see cref="PositiveClass"/> when its probability
/// is at least <see cref="Threshold"/>. Regression: <c>value</c>.
/// </summary>
/// <param name="Label">The label column the model predicts.</param>
internal sealed record SignatureOutput(
    string Label,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Classes = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PositiveClass = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Threshold = null);

/// <summary>One row's prediction, as the model server answers and example.json expects it.</summary>
internal sealed record Prediction
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Label { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, float>? Probabilities { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public float? Value { get; init; }
}
