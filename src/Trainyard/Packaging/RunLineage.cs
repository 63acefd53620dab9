using System.Globalization;
using Trainyard.Artifacts;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Packaging;

/// <summary>A package's lineage: what run.json recorded about the training run, and who packaged it where.</summary>
internal static class RunLineage
{
    public static ModelLineage From(RunRecord run, BuildOrigin built) => new()
    {
        Commit = run.Source.Commit,
        Dirty = run.Source.Dirty,
        SpecSha256 = run.SpecSha256,
        Data = new DataFingerprint(run.Data.Path, run.Data.Sha256, run.Data.Rows,
            run.Data.Splits.ToDictionary(s => s.Key, s => new SplitHash(s.Value.Rows, s.Value.Sha256), StringComparer.Ordinal)),
        Parameters = Parameters(run.Parameters),
        Versions = run.Versions,
        TrainedAt = run.FinishedAt,
        Built = built,
        Trigger = run.Trigger,
        TriggerReport = run.TriggerReport,
    };

    /// <summary>
    /// Who: the GitHub actor in Actions (the runner's account says nothing), else the account; where: the machine,
    /// and the run's page when GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_RUN_ID are all set.
    /// </summary>
    public static BuildOrigin OriginFrom(IReadOnlyDictionary<string, string> environment)
    {
        string? Variable(string name) => environment.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
        var runUrl = (Variable("GITHUB_SERVER_URL"), Variable("GITHUB_REPOSITORY"), Variable("GITHUB_RUN_ID")) is (string server, string repository, string id)
            ? $"{server.TrimEnd('/')}/{repository}/actions/runs/{id}"
            : null;
        return new BuildOrigin(Variable("GITHUB_ACTOR") ?? Environment.UserName, Environment.MachineName, runUrl);
    }

    /// <summary>The run's settings and the trainer's own parameters, flat: <c>seed</c>, <c>test_share</c>, <c>xgboost.max_depth</c>…</summary>
    static IReadOnlyDictionary<string, string> Parameters(RunParameters p)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["trainer"] = p.Trainer,
            ["rounds"] = Invariant(p.Rounds),
            ["early_stopping_rounds"] = Invariant(p.EarlyStoppingRounds),
            ["threads"] = Invariant(p.Threads),
            ["seed"] = Invariant(p.Seed),
            ["split_method"] = p.SplitMethod,
            ["test_share"] = Invariant(p.TestShare),
            ["validation_share"] = Invariant(p.ValidationShare),
        };
        foreach (var (name, value) in p.TrainerParameters) all[$"{p.Trainer}.{name}"] = value;
        return all;
    }

    static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
}
