namespace Trainyard.Pipelines;

/// <summary>
/// The words one use of the gate grammar is written in: Evaluate's gates compare with the <c>baseline</c> model,
/// CanaryDeploy's checks with the <c>stable</c> upstream. The grammar is the same; the messages name the right word.
/// </summary>
/// <param name="Noun">What one line is called in messages: "gate" or "check".</param>
/// <param name="BaselineWord">The word for the value compared against.</param>
/// <param name="Examples">Examples ending the accepted forms.</param>
internal sealed record GateGrammar(string Noun, string BaselineWord, string Examples)
{
    public static readonly GateGrammar Gates =
        new("gate", "baseline", "auc >= 0.80, auc >= baseline - 0.01, rmse <= baseline + 5%");

    public static readonly GateGrammar DeployChecks =
        new("check", "stable", "success_rate >= 0.99, success_rate >= stable - 0.005, p99_latency_ms <= stable + 20%");

    /// <summary>The accepted forms, in the words every error of this grammar ends with.</summary>
    public string Forms => $"expected '<metric> <op> <number>' or '<metric> <op> {BaselineWord} [+|-] <number>[%]' "
        + $"with <op> one of >=, <=, >, < (e.g. {Examples})";

    /// <summary>How the compared-against value is named in a sentence: "the baseline", "stable".</summary>
    public string Against => BaselineWord == "baseline" ? "the baseline" : BaselineWord;
}
