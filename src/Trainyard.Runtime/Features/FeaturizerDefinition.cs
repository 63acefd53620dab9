using System.Text.Json.Serialization;

namespace Trainyard.Runtime.Features;

/// <summary>How one input column becomes features.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FeatureEncoding>))]
public enum FeatureEncoding
{
    /// <summary>One feature, the value as float32; missing stays missing (NaN) and XGBoost's default direction decides.</summary>
    [JsonStringEnumMemberName("numeric")] Numeric,
    /// <summary>One feature, 0 or 1; missing is NaN.</summary>
    [JsonStringEnumMemberName("boolean")] Boolean,
    /// <summary>One feature per training category (<c>Column=category</c>): 1 for the row's category, 0 for the others.
    /// Missing gives NaN in every slot; a category not seen in training gives 0 in every slot.</summary>
    [JsonStringEnumMemberName("one_hot")] OneHot,
}

/// <summary>One input column and its encoding; <see cref="Categories"/> only for <see cref="FeatureEncoding.OneHot"/>, in slot order.</summary>
public sealed record FeatureColumn
{
    public required string Name { get; init; }
    public required FeatureEncoding Encoding { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Categories { get; init; }
}

/// <summary>The label: its column and, for classification, the classes in the order of the model's outputs
/// (binary: the negative class, then the positive one). No classes: regression.</summary>
public sealed record LabelDefinition
{
    public required string Name { get; init; }
    public IReadOnlyList<string> Classes { get; init; } = [];
}

/// <summary>
/// What a fitted featurizer is, as stored next to the model (featurizer.json): the ordered input columns and the
/// label. Datetime and text columns are not features: a tree model cannot use a raw timestamp or free text well,
/// and deriving features from them (date parts, token counts) is a decision for a later issue, not a default.
/// </summary>
public sealed record FeaturizerDefinition
{
    public const string FormatName = "trainyard-featurizer";
    public const int CurrentVersion = 1;

    public string Format { get; init; } = FormatName;
    public int Version { get; init; } = CurrentVersion;
    public required IReadOnlyList<FeatureColumn> Columns { get; init; }
    public LabelDefinition? Label { get; init; }
}
