using System.Buffers;
using System.Text.Json;
using Trainyard.Runtime.Features;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Serving;

/// <summary>
/// A request body read straight into feature vectors (<see cref="Featurizer.TryEncodeSimpleRow"/>), when it is
/// a row or an array of rows that the general path (a <see cref="JsonDocument"/>, <see cref="RowCheck"/>, the
/// featurizer) would accept and encode the one obvious way: every column given once with a value of its type, known
/// categories. Anything else — malformed JSON, a wrong or missing value, an unseen category, escapes in a category,
/// a repeated column, no rows — is left to the general path, which answers it as it always has. The general path
/// parsed every body in 1.1 µs of a request's 20 (docs/benchmarks.md, "The server's own overhead").
/// </summary>
internal sealed class SimpleRows(Featurizer featurizer)
{
    /// <summary>Only where the signature's input types are the featurizer's encodings (RowCheck checks by the former, the reader by the latter).</summary>
    public static SimpleRows? For(ModelSignature signature, Featurizer featurizer) =>
        signature.Inputs.Count == featurizer.Columns.Count && featurizer.Columns.Count <= 64
        && signature.Inputs.Zip(featurizer.Columns).All(p => p.First.Name == p.Second.Name && (p.First.Type, p.Second.Encoding) is
            ("numeric", FeatureEncoding.Numeric) or ("boolean", FeatureEncoding.Boolean) or ("categorical", FeatureEncoding.OneHot))
            ? new SimpleRows(featurizer) : null;

    /// <summary>
    /// The rows of <paramref name="body"/> encoded into <paramref name="features"/> (rented from the shared pool,
    /// grown as needed; the caller returns it), row i's at i × FeatureCount; 0 when the general path must read it.
    /// </summary>
    public int TryEncode(ReadOnlySpan<byte> body, ref float[] features)
    {
        var width = featurizer.FeatureCount;
        var reader = new Utf8JsonReader(body, isFinalBlock: true, state: default);
        try
        {
            if (!reader.Read()) return 0;
            var rows = 0;
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                Ensure(ref features, width);
                if (!featurizer.TryEncodeSimpleRow(ref reader, features.AsSpan(0, width))) return 0;
                rows = 1;
            }
            else if (reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    Ensure(ref features, (rows + 1) * width);
                    if (!featurizer.TryEncodeSimpleRow(ref reader, features.AsSpan(rows * width, width))) return 0;
                    rows++;
                }
                if (reader.TokenType != JsonTokenType.EndArray) return 0;
            }
            // Whatever follows the value, the general path says what is wrong with it (the reader throws here too).
            return reader.Read() ? 0 : rows;
        }
        catch (JsonException) { return 0; }
    }

    static void Ensure(ref float[] features, int length)
    {
        if (features.Length >= length) return;
        var larger = ArrayPool<float>.Shared.Rent(Math.Max(length, features.Length * 2));
        features.AsSpan().CopyTo(larger);
        ArrayPool<float>.Shared.Return(features);
        features = larger;
    }
}
