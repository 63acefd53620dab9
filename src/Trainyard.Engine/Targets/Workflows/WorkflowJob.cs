namespace Trainyard.Targets.Workflows;

/// <summary>
/// One job of a generated workflow: one target of the plan (for one matrix entry), the jobs it needs, the artifacts
/// it downloads and the targets its <c>./build.sh</c> skips because those artifacts already hold their outputs.
/// </summary>
internal sealed record WorkflowJob(
    string Id,
    string Name,
    string Target,
    IReadOnlyList<string> Needs,
    IReadOnlyList<string> Downloads,
    IReadOnlyList<string> Skip,
    string Arguments,
    IReadOnlyList<string> Uploads,
    IReadOnlyList<(string Target, string Job)> NeededUploads,
    bool Assured,
    bool Invoked,
    IReadOnlyList<GitHubActionsPermission> Writes)
{
    /// <summary>The artifact holding this job's outputs; named after the job, so every name is unique in the run.</summary>
    public string Artifact => Id;

    public string Command => string.Join(" ",
        new[] { "./build.sh", Target, Skip.Count > 0 ? "--skip " + string.Join(",", Skip) : "", Arguments }.Where(p => p != ""));
}
