using System.Globalization;
using System.Text;

namespace Trainyard.Deploy.Metrics;

/// <summary>One sample of a scrape: metric name, labels, value and the optional timestamp (ms since the epoch).</summary>
internal sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value, long? TimestampMs)
{
    public string? Label(string name) => Labels.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A reader of the Prometheus text exposition format 0.0.4: <c># HELP</c>/<c># TYPE</c> lines (types kept, help
/// skipped), other comments, blank lines, samples with labels (escapes <c>\\ \" \n</c>, a trailing comma allowed),
/// values as Go's ParseFloat reads them (<c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>) and an optional integer timestamp.
/// Written here because no maintained .NET parser of the format is served (prometheus-net and OpenTelemetry only
/// write it). A malformed line is a <see cref="TrainyardException"/> naming the URL, the line, the column and what
/// was expected.
/// </summary>
internal static class ExpositionText
{
    static readonly HashSet<string> Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    public static IReadOnlyList<MetricSample> Parse(string text, Uri source)
    {
        var samples = new List<MetricSample>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = new Line(raw.TrimEnd('\r'), source, number);
            line.SkipBlanks();
            if (line.AtEnd) continue;
            if (line.Peek == '#') { ReadComment(line); continue; }
            samples.Add(ReadSample(line));
        }
        return samples;
    }

    static void ReadComment(Line line)
    {
        line.Next();
        line.SkipBlanks();
        var keyword = line.Word();
        if (keyword is not ("HELP" or "TYPE")) return; // any other comment
        line.SkipBlanks();
        var name = line.Name(metric: true, "a metric name after # " + keyword);
        if (keyword == "HELP") return;
        line.SkipBlanks();
        var typeAt = line.Position;
        var type = line.Word();
        if (!Types.Contains(type)) throw line.ErrorAt(typeAt, $"a metric type (counter, gauge, histogram, summary or untyped) for {name}, found \"{type}\"");
        line.SkipBlanks();
        if (!line.AtEnd) throw line.Error("the end of the line after the # TYPE of " + name);
    }

    static MetricSample ReadSample(Line line)
    {
        var name = line.Name(metric: true, "a metric name");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        line.SkipBlanks();
        if (!line.AtEnd && line.Peek == '{')
        {
            line.Next();
            while (true)
            {
                line.SkipBlanks();
                if (line.TryTake('}')) break;
                var label = line.Name(metric: false, "a label name or '}'");
                line.SkipBlanks();
                line.Expect('=', $"'=' after the label name {label}");
                line.SkipBlanks();
                var value = line.Quoted(label);
                if (!labels.TryAdd(label, value)) throw line.Error($"each label once, but {label} is repeated");
                line.SkipBlanks();
                if (line.TryTake('}')) break;
                line.Expect(',', $"',' or '}}' after the value of {label}");
            }
        }
        line.SkipBlanks();
        var valueAt = line.Position;
        var valueText = line.Word();
        if (!TryParseValue(valueText, out var sampleValue)) throw line.ErrorAt(valueAt, $"a number (or +Inf, -Inf, NaN) as the value of {name}, found \"{valueText}\"");
        line.SkipBlanks();
        long? timestamp = null;
        if (!line.AtEnd)
        {
            var stampAt = line.Position;
            var stamp = line.Word();
            if (!long.TryParse(stamp, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms))
                throw line.ErrorAt(stampAt, $"an integer timestamp in milliseconds (or the end of the line) after the value of {name}, found \"{stamp}\"");
            timestamp = ms;
            line.SkipBlanks();
            if (!line.AtEnd) throw line.Error($"the end of the line after the timestamp of {name}");
        }
        return new MetricSample(name, labels, sampleValue, timestamp);
    }

    /// <summary>A value as Go's ParseFloat reads it (Prometheus' own parser): infinities and NaN in any case, with a sign.</summary>
    internal static bool TryParseValue(string text, out double value)
    {
        var unsigned = text.TrimStart('+', '-');
        var negative = text.StartsWith('-');
        if (text.Length - unsigned.Length <= 1)
        {
            if (unsigned.Equals("inf", StringComparison.OrdinalIgnoreCase) || unsigned.Equals("infinity", StringComparison.OrdinalIgnoreCase))
            { value = negative ? double.NegativeInfinity : double.PositiveInfinity; return true; }
            if (unsigned.Equals("nan", StringComparison.OrdinalIgnoreCase)) { value = double.NaN; return true; }
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A cursor over one line, which knows where it is for error messages.</summary>
    sealed class Line(string text, Uri source, int number)
    {
        int _at;

        public bool AtEnd => _at >= text.Length;
        public int Position => _at;
        public char Peek => text[_at];
        public void Next() => _at++;
        public void SkipBlanks() { while (!AtEnd && (Peek == ' ' || Peek == '\t')) _at++; }

        public bool TryTake(char c)
        {
            if (AtEnd || Peek != c) return false;
            _at++;
            return true;
        }

        public void Expect(char c, string expected) { if (!TryTake(c)) throw Error(expected); }

        /// <summary>Up to the next blank or the end.</summary>
        public string Word()
        {
            var start = _at;
            while (!AtEnd && Peek != ' ' && Peek != '\t') _at++;
            return text[start.._at];
        }

        public string Name(bool metric, string expected)
        {
            var start = _at;
            while (!AtEnd && (char.IsAsciiLetter(Peek) || Peek == '_' || (metric && Peek == ':') || (_at > start && char.IsAsciiDigit(Peek)))) _at++;
            if (_at == start) throw Error(expected);
            return text[start.._at];
        }

        public string Quoted(string label)
        {
            Expect('"', $"a '\"' opening the value of {label}");
            var value = new StringBuilder();
            while (true)
            {
                if (AtEnd) throw Error($"a '\"' closing the value of {label}");
                var c = text[_at++];
                if (c == '"') return value.ToString();
                if (c != '\\') { value.Append(c); continue; }
                if (AtEnd) throw Error($"an escaped character after '\\' in the value of {label}");
                value.Append(text[_at++] switch
                {
                    '\\' => '\\',
                    '"' => '"',
                    'n' => '\n',
                    var other => throw ErrorAt(_at - 1, $"one of the escapes \\\\ \\\" \\n in the value of {label}, found \\{other}"),
                });
            }
        }

        public TrainyardException Error(string expected) => ErrorAt(_at, expected);

        public TrainyardException ErrorAt(int at, string expected) =>
            new($"{source}, line {number}, column {at + 1}: expected {expected} (Prometheus text format 0.0.4): {Excerpt()}");

        string Excerpt() => text.Length <= 120 ? text : text[..117] + "...";
    }
}
