using System.Text;
using System.Text.Json;
using Trainyard.Serving;

namespace Trainyard.Tests.Serving;

public sealed class AnswerBufferTests
{
    [Fact]
    public void AnAnswerLargerThanTheFirstArrayIsKeptWhole()
    {
        // Expected: the same document written by Utf8JsonWriter into a MemoryStream (the framework's own buffering).
        static void Document(Utf8JsonWriter json)
        {
            json.WriteStartArray();
            for (var i = 0; i < 2_000; i++) json.WriteStringValue($"row {i}: {new string('x', i % 50)}");
            json.WriteEndArray();
        }
        using var expected = new MemoryStream();
        using (var json = new Utf8JsonWriter(expected)) Document(json);

        using var answer = new AnswerBuffer(16);
        using (var json = new Utf8JsonWriter(answer)) Document(json);

        Assert.True(expected.Length > 16 * 1024);
        Assert.Equal(Encoding.UTF8.GetString(expected.ToArray()), Encoding.UTF8.GetString(answer.WrittenMemory.Span));
    }
}
