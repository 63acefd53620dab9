using System.Globalization;
using System.Text.Json;

namespace Trainyard.Runtime.Scoring;

/// <summary>
/// Reads XGBoost's JSON model (as written by <c>XGBoosterSaveModelToBuffer</c> with format json, or Python's
/// <c>booster.save_raw('json')</c>; schema of XGBoost 1.7): the objective, base_score, the class count, and the
/// gbtree's trees. What the scorer cannot evaluate exactly is refused with what to change, never approximated.
/// </summary>
internal static class XGBoostJson
{
    public static XGBoostScorer Read(ReadOnlySpan<byte> json, string source)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 32 }); }
        catch (JsonException error)
        {
            throw new ModelFormatException(
                $"{source}: not a JSON model ({error.Message}); save it as JSON (XGBoosterSaveModelToBuffer with format \"json\", booster.save_raw('json')), not UBJSON or the binary format", error);
        }
        using (document)
        {
            try { return Read(document.RootElement, source); }
            catch (Exception error) when (error is InvalidOperationException or FormatException or OverflowException or KeyNotFoundException)
            {
                throw new ModelFormatException($"{source}: not an XGBoost JSON model: {error.Message}", error);
            }
        }
    }

    private static XGBoostScorer Read(JsonElement root, string source)
    {
        var learner = Member(root, "learner", source);
        var parameters = Member(learner, "learner_model_param", source);
        var objectiveName = Member(Member(learner, "objective", source), "name", source).GetString() ?? "";
        var objective = ObjectiveMath.Parse(objectiveName)
            ?? throw new ModelFormatException($"{source}: objective '{objectiveName}' is not supported by the managed scorer; train with binary:logistic, multi:softprob or reg:squarederror");

        var numFeature = Number(parameters, "num_feature", source);
        if (numFeature == 0) throw new ModelFormatException($"{source}: num_feature is 0; the model has no features");
        var numClass = Number(parameters, "num_class", source);
        if (parameters.TryGetProperty("num_target", out var targets) && int.Parse(targets.GetString()!, CultureInfo.InvariantCulture) > 1)
            throw new ModelFormatException($"{source}: the model has several targets (num_target > 1); the managed scorer handles one target");
        var outputs = objective == ModelObjective.MultiSoftprob ? numClass : 1;
        if (objective == ModelObjective.MultiSoftprob && numClass < 2)
            throw new ModelFormatException($"{source}: multi:softprob with num_class {numClass}; a multiclass model needs num_class >= 2");
        var baseScore = float.Parse(Member(parameters, "base_score", source).GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);

        var booster = Member(learner, "gradient_booster", source);
        var boosterName = Member(booster, "name", source).GetString();
        if (boosterName != "gbtree")
            throw new ModelFormatException($"{source}: booster '{boosterName}' is not supported by the managed scorer; train with booster gbtree");
        var trees = TreeReader.ReadAll(Member(booster, "model", source), numFeature, outputs, source);

        var names = learner.TryGetProperty("feature_names", out var featureNames) && featureNames.ValueKind == JsonValueKind.Array
            ? featureNames.EnumerateArray().Select(n => n.GetString() ?? "").ToArray()
            : [];
        return new XGBoostScorer(objective, numFeature, outputs, ObjectiveMath.BaseMargin(objective, baseScore), names, trees);
    }

    public static JsonElement Member(JsonElement element, string name, string source)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
            throw new ModelFormatException($"{source}: '{name}' is missing; this is not an XGBoost JSON model (XGBoost 1.7 schema)");
        return value;
    }

    /// <summary>XGBoost writes its integer parameters as JSON strings ("num_feature": "14").</summary>
    public static int Number(JsonElement element, string name, string source)
    {
        var value = Member(element, name, source);
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < 0)
            throw new ModelFormatException($"{source}: '{name}' is '{text}', expected a non-negative integer");
        return number;
    }
}
