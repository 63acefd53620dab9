using System.Text.Json;

namespace Trainyard.Monitoring;

/// <summary>
/// The score of a logged prediction from its UTF-8, in one reader pass without a document: Monitor reads one per
/// logged row (<see cref="VersionReference.ScoreOf"/> reads a parsed one through it). Binary: P(positive class); multiclass: the top class's probability; regression:
/// the value. Null when the prediction has no such number. A repeated name's last value counts, as a document's lookup.
/// </summary>
internal static class PredictionScores
{
    public static double? Read(ReadOnlySpan<byte> prediction, string task, string? positiveClass)
    {
        var reader = new Utf8JsonReader(prediction);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
        double? score = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (task == "regression" && reader.ValueTextEquals("value"u8))
            {
                reader.Read();
                score = reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : null;
            }
            else if (task != "regression" && reader.ValueTextEquals("probabilities"u8))
            {
                reader.Read();
                score = reader.TokenType == JsonTokenType.StartObject ? Probability(ref reader, task == "binary", positiveClass) : null;
            }
            else reader.Read();
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
        }
        return score;
    }

    /// <summary>From the probabilities object's start to its end: the positive class's (binary) or the largest (multiclass).</summary>
    static double? Probability(ref Utf8JsonReader reader, bool binary, string? positiveClass)
    {
        double? found = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var positive = binary && positiveClass is not null && reader.ValueTextEquals(positiveClass);
            reader.Read();
            if (binary)
            {
                if (positive) found = reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : null;
            }
            else if (reader.TokenType == JsonTokenType.Number) found = Math.Max(found ?? double.MinValue, reader.GetDouble());
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
        }
        return found;
    }
}
