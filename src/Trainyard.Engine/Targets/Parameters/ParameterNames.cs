using System.Text;

namespace Trainyard.Targets.Parameters;

/// <summary>One member name, three spellings: <c>MaxExamples</c>, <c>--max-examples</c>, <c>TRAINYARD_MAX_EXAMPLES</c>.</summary>
internal static class ParameterNames
{
    public static string Kebab(string memberName)
    {
        var text = new StringBuilder();
        for (var i = 0; i < memberName.Length; i++)
        {
            var c = memberName[i];
            // A dash starts a new word: "maxExamples" -> max-examples, "XGBoostRounds" -> xg-boost-rounds.
            var startsWord = i > 0 && char.IsUpper(c) &&
                (char.IsLower(memberName[i - 1]) || char.IsDigit(memberName[i - 1]) ||
                 (i + 1 < memberName.Length && char.IsLower(memberName[i + 1]) && char.IsUpper(memberName[i - 1])));
            if (startsWord) text.Append('-');
            text.Append(c == '_' ? '-' : char.ToLowerInvariant(c));
        }
        return text.ToString().Trim('-');
    }

    public static string EnvironmentVariable(string memberName) =>
        "TRAINYARD_" + Kebab(memberName).Replace('-', '_').ToUpperInvariant();

    /// <summary>The spelling-independent key: <c>MaxExamples</c>, <c>max-examples</c> and <c>max_examples</c> all match.</summary>
    public static string Key(string name) =>
        new string(name.Where(c => c is not ('-' or '_')).Select(char.ToLowerInvariant).ToArray());
}
