using Trainyard.Tests.Targets;
using YamlDotNet.RepresentationModel;

namespace Trainyard.Tests.Workflows;

/// <summary>The workflows a build generates into a temporary root, read back as YAML.</summary>
internal sealed class GeneratedWorkflows : IDisposable
{
    public BuildHarness Harness { get; } = new();

    public static async Task<GeneratedWorkflows> OfAsync(Trainyard.Targets.TrainyardBuild build)
    {
        var generated = new GeneratedWorkflows();
        var result = await generated.Harness.RunAsync(build, "Workflows");
        Assert.True(result.ExitCode == 0, generated.Harness.Output);
        return generated;
    }

    public string Text(string name) => File.ReadAllText(Path.Combine(Harness.Root, ".github/workflows", name + ".yml"));

    public YamlMappingNode Workflow(string name)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Text(name)));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public YamlMappingNode Job(string workflow, string job) => (YamlMappingNode)((YamlMappingNode)Workflow(workflow)["jobs"])[job];

    public void Dispose() => Harness.Dispose();
}

internal static class YamlNodes
{
    public static string Scalar(this YamlNode node, params string[] path) => ((YamlScalarNode)node.At(path)).Value!;

    public static YamlNode At(this YamlNode node, params string[] path) =>
        path.Aggregate(node, (n, key) => n is YamlSequenceNode s ? s[int.Parse(key)] : ((YamlMappingNode)n)[key]);

    public static bool Has(this YamlNode node, string key) => ((YamlMappingNode)node).Children.ContainsKey(key);

    public static string[] Strings(this YamlNode node, params string[] path) =>
        ((YamlSequenceNode)node.At(path)).Children.Select(c => ((YamlScalarNode)c).Value!).ToArray();

    public static string[] Keys(this YamlNode node, params string[] path) =>
        ((YamlMappingNode)node.At(path)).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToArray();

    /// <summary>The step that runs ./build.sh, and the steps that use an action (<c>actions/download-artifact</c>).</summary>
    public static YamlMappingNode RunStep(this YamlMappingNode job) =>
        ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>().Single(s => s.Has("run") && s.Scalar("run").StartsWith("./build.sh"));

    public static YamlMappingNode[] Uses(this YamlMappingNode job, string action) =>
        ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>().Where(s => s.Has("uses") && s.Scalar("uses").StartsWith(action + "@")).ToArray();
}
